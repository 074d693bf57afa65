import { describe, expect, it } from "vitest";
import { declineMessage, isPayable, paymentOutcome } from "@/lib/api/orders";
import {
  INDIAN_STATES,
  UNION_TERRITORIES,
  luhnValid,
  parseCard,
  safeNext,
  validateAddress,
  validateEmail,
  validateOtp,
  validatePassword,
  validatePin,
} from "@/lib/validation";

describe("account fields", () => {
  it("checks e-mail, password and one-time code as core does", () => {
    expect(validateEmail("asha@example.com")).toBeUndefined();
    expect(validateEmail("asha")).toBeDefined();
    expect(validatePassword("short1")).toMatch(/8 characters/);
    expect(validatePassword("longenough")).toMatch(/digit/);
    expect(validatePassword("longenough1")).toBeUndefined();
    expect(validateOtp("123456")).toBeUndefined();
    expect(validateOtp("12345")).toBeDefined();
  });
  it("only follows same-site paths after sign-in", () => {
    expect(safeNext("/checkout")).toBe("/checkout");
    expect(safeNext("//evil.example")).toBe("/");
    expect(safeNext("https://evil.example", "/account")).toBe("/account");
    expect(safeNext(undefined, "/account")).toBe("/account");
  });

  // Where a browser ends up when the storefront answers `Location: <safeNext(next)>` on the shop's origin.
  const shop = new URL("https://shop.example");
  const landing = (next: string) => new URL(safeNext(next, "/", shop), shop.origin);

  it.each([
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    "\\evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t\\evil.example",
    "/.//evil.example",
    "//evil.example",
    "///evil.example",
    "https:evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    " /\t/evil.example",
  ])("never leaves the shop's origin for next=%j", (payload) => {
    const target = landing(payload);
    expect(target.origin).toBe(shop.origin);
    expect(target.pathname.startsWith("//")).toBe(false);
  });

  it("keeps a tab-smuggled next on the shop (the check once passed /<TAB>/evil.example through unchanged)", () => {
    expect(safeNext("/\t/evil.example", "/account", shop)).toBe("/account");
    expect(safeNext("/\\evil.example", "/account", shop)).toBe("/account");
    expect(safeNext("/.//evil.example", "/account", shop)).toBe("/account");
  });

  it("treats an encoded tab as part of a path on the shop", () => {
    expect(safeNext("/%09/evil.example", "/", shop)).toBe("/%09/evil.example");
    expect(landing("/%09/evil.example").origin).toBe(shop.origin);
  });

  it("keeps same-site paths with their query and fragment", () => {
    expect(safeNext("/products?category=t-shirts&size=M", "/", shop)).toBe("/products?category=t-shirts&size=M");
    expect(safeNext("/orders/3f1c?verified=1#payment", "/", shop)).toBe("/orders/3f1c?verified=1#payment");
    expect(safeNext("/checkout", "/", shop)).toBe("/checkout");
    expect(safeNext("/", "/account", shop)).toBe("/");
  });

  it("falls back when next is missing or repeated", () => {
    expect(safeNext(undefined, "/account", shop)).toBe("/account");
    expect(safeNext("", "/account", shop)).toBe("/account");
    expect(safeNext(["/a", "/b"], "/account", shop)).toBe("/account");
  });
});

describe("address", () => {
  const good = { name: "Asha Rao", line1: "12 MG Road", line2: "", city: "Bengaluru", state: "Karnataka", postal_code: "560001", phone: "+91 98765 43210" };
  it("accepts an Indian address", () => {
    expect(validateAddress(good)).toEqual({});
  });
  it("names each missing or malformed field", () => {
    expect(Object.keys(validateAddress({ ...good, name: " ", postal_code: "5600", phone: "call me" })).sort()).toEqual(["name", "phone", "postal_code"]);
  });
});

describe("states and PIN codes", () => {
  const good = { name: "Asha Rao", line1: "1 Beach Road", line2: "", city: "Kavaratti", state: "Lakshadweep", postal_code: "682555", phone: "+91 98765 43210" };
  it("lists India's 28 states and 8 union territories, the missing four included", () => {
    expect(INDIAN_STATES).toHaveLength(28);
    expect(UNION_TERRITORIES).toHaveLength(8);
    expect(new Set([...INDIAN_STATES, ...UNION_TERRITORIES]).size).toBe(36);
    for (const name of ["Chandigarh", "Andaman and Nicobar Islands", "Dadra and Nagar Haveli and Daman and Diu", "Lakshadweep", "Delhi"]) {
      expect(UNION_TERRITORIES).toContain(name);
    }
    expect(INDIAN_STATES).toContain("Telangana");
  });
  it("accepts a PIN code of the state's postal zone", () => {
    expect(validateAddress(good)).toEqual({});
    expect(validatePin("160017", "Chandigarh")).toBeUndefined();
    expect(validatePin("744101", "Andaman and Nicobar Islands")).toBeUndefined();
    expect(validatePin("396230", "Dadra and Nagar Haveli and Daman and Diu")).toBeUndefined();
    expect(validatePin("533464", "Puducherry")).toBeUndefined();
    expect(validatePin("605001", "Puducherry")).toBeUndefined();
  });
  it("explains a malformed PIN code or one of another state", () => {
    expect(validatePin("56001", "Karnataka")).toMatch(/6-digit/);
    expect(validatePin("056001", "Karnataka")).toMatch(/does not start with 0/);
    expect(validatePin("600001", "Karnataka")).toBe("PIN code 600001 is not in Karnataka: PIN codes there start with 5.");
    expect(validatePin("110001", "Puducherry")).toMatch(/start with 5 or 6/);
  });
  it("refuses a state that is not on the list", () => {
    expect(validateAddress({ ...good, state: "Atlantis" }).state).toMatch(/states or union territories/);
    expect(validateAddress({ ...good, state: "" }).state).toBe("Choose the state or union territory.");
  });
});

describe("card form", () => {
  const now = new Date(Date.UTC(2026, 10, 27));
  it("knows the Stripe test cards pass the Luhn check", () => {
    for (const number of ["4242424242424242", "4000000000000002", "4000000000009995", "4000002500003155", "4100000000000019"]) {
      expect(luhnValid(number)).toBe(true);
    }
    expect(luhnValid("4242424242424241")).toBe(false);
  });
  it("parses number, MM/YY and CVC", () => {
    expect(parseCard({ number: "4242 4242 4242 4242", expiry: "12/30", cvc: "123" }, now)).toEqual({
      card: { card_number: "4242424242424242", exp_month: 12, exp_year: 2030, cvc: "123" },
      errors: {},
    });
  });
  it("reports each bad field", () => {
    const { card, errors } = parseCard({ number: "4242", expiry: "13/30", cvc: "1" }, now);
    expect(card).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual(["cvc", "expiry", "number"]);
    expect(parseCard({ number: "4242424242424242", expiry: "10/26", cvc: "123" }, now).errors.expiry).toMatch(/expired/);
    expect(parseCard({ number: "4242424242424242", expiry: "11/26", cvc: "123" }, now).card).toBeDefined();
  });
});

describe("payment outcomes", () => {
  it("explains declines, 3-D Secure and success", () => {
    expect(paymentOutcome({ status: "succeeded", failure_code: null, failure_message: null }).tone).toBe("success");
    expect(paymentOutcome({ status: "requires_action", failure_code: null, failure_message: null }).message).toMatch(/3-D Secure/);
    expect(paymentOutcome({ status: "failed", failure_code: "insufficient_funds", failure_message: "x" }).message).toMatch(/insufficient funds/);
    expect(declineMessage(null, "Do not honour")).toBe("Do not honour");
    expect(declineMessage("card_declined", null)).toMatch(/declined/);
  });
  it("knows when an order can still be paid", () => {
    const later = new Date(Date.now() + 60_000).toISOString();
    expect(isPayable({ status: "pending", expires_at: later })).toBe(true);
    expect(isPayable({ status: "pending", expires_at: new Date(0).toISOString() })).toBe(false);
    expect(isPayable({ status: "paid", expires_at: later })).toBe(false);
  });
});
