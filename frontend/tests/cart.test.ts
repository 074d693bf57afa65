import { describe, expect, it } from "vitest";
import { changeGuestLine, fromGuestCart, fromServerCart, parseGuestCart, serializeGuestCart } from "@/lib/api/cart";
import type { Product, ServerCart } from "@/lib/api/schema";

const V1 = "11111111-1111-4111-8111-111111111111";
const V2 = "22222222-2222-4222-8222-222222222222";

describe("guest cart cookie", () => {
  it("round-trips and ignores junk", () => {
    const lines = [{ variantId: V1, slug: "tee", quantity: 2 }];
    expect(parseGuestCart(serializeGuestCart(lines))).toEqual(lines);
    expect(parseGuestCart("not json")).toEqual([]);
    expect(parseGuestCart(JSON.stringify([{ v: "x", s: "tee", q: 1 }, { v: V2, s: "tee", q: 0 }]))).toEqual([]);
    expect(parseGuestCart(JSON.stringify([{ v: V1, s: "tee", q: 99 }]))[0]?.quantity).toBe(10);
  });
  it("adds, replaces and removes lines", () => {
    let lines = changeGuestLine([], { variantId: V1, slug: "tee", quantity: 1 });
    lines = changeGuestLine(lines, { variantId: V1, slug: "tee", quantity: 2 });
    expect(lines).toEqual([{ variantId: V1, slug: "tee", quantity: 3 }]);
    lines = changeGuestLine(lines, { variantId: V1, slug: "tee", quantity: 1 }, true);
    expect(lines[0]?.quantity).toBe(1);
    lines = changeGuestLine(lines, { variantId: V1, slug: "tee", quantity: 20 });
    expect(lines[0]?.quantity).toBe(10);
    expect(changeGuestLine(lines, { variantId: V1, slug: "tee", quantity: 0 }, true)).toEqual([]);
  });
});

describe("cart views", () => {
  it("reads commerce's cart", () => {
    const server: ServerCart = {
      user_id: "u",
      currency: "INR",
      item_count: 3,
      subtotal_amount: 239700,
      total_amount: 239700,
      removed_variant_ids: [],
      items: [
        {
          variant_id: V1,
          product_id: "p",
          product_slug: "tee",
          title: "Classic Tee",
          sku: "TEE-M-BLU",
          size: "M",
          colour: "Blue",
          image: { url: "/media/catalog/tee-blue.svg", alt: "Classic Tee in Blue" },
          unit_price_amount: 79900,
          compare_at_amount: null,
          currency: "INR",
          quantity: 3,
          line_total_amount: 239700,
          available: 2,
          enough_stock: false,
        },
      ],
    };
    const view = fromServerCart(server);
    expect(view).toMatchObject({ itemCount: 3, subtotal: 239700, signedIn: true, canCheckout: false });
    expect(view.lines[0]).toMatchObject({ title: "Classic Tee", imageAlt: "Classic Tee in Blue", enoughStock: false });
  });

  it("carries the applied discount code and the discounted total", () => {
    const server: ServerCart = {
      user_id: "u",
      currency: "INR",
      item_count: 0,
      subtotal_amount: 149997,
      discount: { code: "TENOFF", applied: true, amount: 14999, refusal: null, message: null, amount_to_minimum: null },
      discount_amount: 14999,
      total_amount: 134998,
      removed_variant_ids: [],
      items: [],
    };
    expect(fromServerCart(server)).toMatchObject({
      subtotal: 149997,
      total: 134998,
      discount: { code: "TENOFF", applied: true, amount: 14999, message: null },
    });
    const waiting = fromServerCart({
      ...server,
      discount: { code: "BIG", applied: false, amount: 0, refusal: "discount_below_minimum", message: "Spend ₹5 more" },
      discount_amount: 0,
      total_amount: 149997,
    });
    expect(waiting).toMatchObject({ total: 149997, discount: { applied: false, message: "Spend ₹5 more" } });
  });

  it("prices a guest cart from the products and drops vanished variants", () => {
    const product = {
      slug: "tee",
      title: "Classic Tee",
      images: [
        { url: "/media/catalog/tee-black.svg", alt: "Classic Tee in Black" },
        { url: "/media/catalog/tee-blue.svg", alt: "Classic Tee in Blue" },
      ],
      variants: [
        {
          id: V1,
          sku: "TEE-M-BLU",
          size: "M",
          colour: "Blue",
          colour_hex: null,
          price_amount: 79900,
          compare_at_amount: 99900,
          currency: "INR",
          is_active: true,
          available: 5,
          in_stock: true,
        },
      ],
    } as unknown as Product;
    const view = fromGuestCart(
      [
        { variantId: V1, slug: "tee", quantity: 2 },
        { variantId: V2, slug: "tee", quantity: 1 },
        { variantId: V1, slug: "gone", quantity: 1 },
      ],
      [product, null],
    );
    expect(view.lines).toHaveLength(1);
    expect(view).toMatchObject({ itemCount: 2, subtotal: 159800, canCheckout: true, signedIn: false, currency: "INR" });
    expect(view.lines[0]?.imageUrl).toBe("/media/catalog/tee-blue.svg");
  });

  it("an empty guest cart cannot check out", () => {
    expect(fromGuestCart([], [])).toMatchObject({ itemCount: 0, subtotal: 0, total: 0, discount: null, canCheckout: false });
  });
});
