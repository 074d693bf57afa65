import { afterEach, describe, expect, it, vi } from "vitest";

// The photo server actions outside a request: an admin's access cookie, and revalidatePath as a no-op.
const ADMIN = `x.${Buffer.from(JSON.stringify({ sub: "admin-1", exp: 4102444800, role: "admin" })).toString("base64url")}.y`;
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "access_token" ? { name, value: ADMIN } : undefined) }),
  headers: async () => new Headers(),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { deletePhoto, movePhoto, updatePhoto, uploadPhoto } = await import("@/lib/actions/catalog-admin");

const PRODUCT = "7a0c1e42-5a8e-4a55-8d53-9b1f2b8f0c11";
const PHOTOS = ["0b6e6f1c-1d4c-4f6a-9a59-1f0e7b9d0a01", "0b6e6f1c-1d4c-4f6a-9a59-1f0e7b9d0a02"];
const product = {
  id: PRODUCT,
  images: PHOTOS.map((id) => ({ url: `/media/photos/${id}/w1024.webp`, alt: "", photo_id: id })),
};

/** Commerce: records each request and answers with `answer` (the product, unless told otherwise). */
function commerce(answer: (request: Request) => Response = () => Response.json(product)) {
  const requests: Request[] = [];
  vi.stubGlobal("fetch", async (input: Request) => {
    requests.push(input.clone());
    return answer(input);
  });
  return requests;
}

function form(fields: Record<string, string | File>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("uploadPhoto", () => {
  const picture = () => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], "kurta.jpg", { type: "image/jpeg" });

  it("forwards the file, its colour and alt text to commerce as multipart with the admin's Bearer token", async () => {
    const requests = commerce(() => Response.json(product, { status: 201 }));
    const state = await uploadPhoto({}, form({ product_id: PRODUCT, file: picture(), colour: "Indigo", alt: " Kurta in Indigo " }));
    expect(state).toEqual({ ok: true, message: "Uploaded kurta.jpg for Indigo." });
    const [request] = requests;
    expect(request?.method).toBe("POST");
    expect(new URL(request?.url ?? "").pathname).toBe(`/api/v1/admin/catalog/products/${PRODUCT}/photos`);
    expect(request?.headers.get("authorization")).toBe(`Bearer ${ADMIN}`);
    expect(request?.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    const sent = await request?.formData();
    const file = sent?.get("file");
    expect(file).toBeInstanceOf(File);
    expect(new Uint8Array(await (file as File).arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    expect(sent?.get("colour")).toBe("Indigo");
    expect(sent?.get("alt")).toBe("Kurta in Indigo");
    expect(sent?.has("product_id")).toBe(false);
  });

  it("leaves the colour out for a photo of every colour", async () => {
    const requests = commerce(() => Response.json(product, { status: 201 }));
    await uploadPhoto({}, form({ product_id: PRODUCT, file: picture(), colour: "", alt: "" }));
    expect((await requests[0]?.formData())?.has("colour")).toBe(false);
  });

  it("shows commerce's refusal in its words, keeping what was typed", async () => {
    commerce(() =>
      Response.json(
        { error: { code: "photo_not_image", message: "The file is not a JPEG, PNG or WebP picture.", details: null } },
        { status: 422 },
      ),
    );
    const state = await uploadPhoto({}, form({ product_id: PRODUCT, file: picture(), colour: "White", alt: "Front" }));
    expect(state.error).toBe("The file is not a JPEG, PNG or WebP picture.");
    expect(state.values).toMatchObject({ colour: "White", alt: "Front" });
  });

  it("refuses a missing or oversized file without calling commerce", async () => {
    const requests = commerce();
    expect((await uploadPhoto({}, form({ product_id: PRODUCT, alt: "" }))).error).toMatch(/Choose a photo/);
    const huge = new File([new Uint8Array(8 * 1024 * 1024 + 1)], "huge.jpg", { type: "image/jpeg" });
    expect((await uploadPhoto({}, form({ product_id: PRODUCT, file: huge }))).error).toBe("The photo is larger than 8 MB: export it smaller.");
    expect(requests).toHaveLength(0);
  });
});

describe("the photo list's actions", () => {
  it("moves a photo by sending the new order of all the product's photos", async () => {
    const requests = commerce();
    const state = await movePhoto({}, form({ product_id: PRODUCT, photo_id: PHOTOS[1] as string, direction: "up" }));
    expect(state).toEqual({ ok: true, message: "Moved up." });
    const put = requests.find((request) => request.method === "PUT");
    expect(new URL(put?.url ?? "").pathname).toBe(`/api/v1/admin/catalog/products/${PRODUCT}/photos/order`);
    expect(await put?.json()).toEqual({ photo_ids: [PHOTOS[1], PHOTOS[0]] });
  });

  it("saves the alt text, and a blank colour as every colour (null)", async () => {
    const requests = commerce();
    await updatePhoto({}, form({ product_id: PRODUCT, photo_id: PHOTOS[0] as string, alt: "Back view", colour: "" }));
    expect(requests[0]?.method).toBe("PATCH");
    expect(await requests[0]?.json()).toEqual({ alt: "Back view", colour: null });
  });

  it("deletes, and says so in words when the photo is gone", async () => {
    commerce(() => Response.json({ error: { code: "photo_not_found", message: "This product has no such photo.", details: null } }, { status: 404 }));
    const state = await deletePhoto({}, form({ product_id: PRODUCT, photo_id: PHOTOS[0] as string }));
    expect(state.error).toBe("This product has no such photo.");
  });
});
