"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ApiError, unwrap } from "../api/errors";
import type { CatalogImportReport } from "../api/schema";
import { getViewer, services } from "../api/server";
import { majorToMinor } from "../money";
import { movedPhotoOrder } from "../photos";
import type { FieldErrors } from "../validation";
import { failure, text, type FormState } from "./state";

const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

async function requireAdmin(): Promise<void> {
  const viewer = await getViewer();
  if (viewer?.role !== "admin") throw new Error("admin only");
}

/** A refusal in words: a 422's details name each field and what is wrong with it. */
function refused(error: unknown, values?: Record<string, string>): FormState {
  const state = failure(error, values);
  if (error instanceof ApiError && error.code === "validation_error" && Array.isArray(error.details)) {
    const fieldErrors: FieldErrors = {};
    const reasons: string[] = [];
    for (const item of error.details as { loc?: unknown[]; msg?: unknown }[]) {
      const field = String(item.loc?.[item.loc.length - 1] ?? "");
      const message = String(item.msg ?? "is not valid").replace(/^Value error, /, "");
      if (field) fieldErrors[field] = message;
      reasons.push(field && field !== "body" ? `${field.replaceAll("_", " ")}: ${message}` : message);
    }
    return { ...state, error: reasons.join("; ") || state.error, fieldErrors };
  }
  return state;
}

const EDITED_ATTRIBUTES = ["care", "fit", "material"];
type ProductStatus = "draft" | "active" | "archived";

/** The form's fields as the API takes them; attributes the form does not show are kept from `saved`. */
function productFields(form: FormData, saved: Record<string, unknown> = {}) {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(saved)) {
    if (!EDITED_ATTRIBUTES.includes(name) && typeof value === "string") attributes[name] = value;
  }
  for (const name of EDITED_ATTRIBUTES) {
    const value = text(form, name).trim();
    if (value) attributes[name] = value;
  }
  const status = text(form, "status");
  return {
    title: text(form, "title").trim(),
    description: text(form, "description"),
    category: text(form, "category").trim(),
    brand: text(form, "brand").trim(),
    attributes,
    status: (status === "active" || status === "archived" ? status : "draft") as ProductStatus,
  };
}

function values(form: FormData): Record<string, string> {
  return Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string") as [string, string][]);
}

export async function createProduct(_: FormState, form: FormData): Promise<FormState> {
  let productId: string;
  try {
    await requireAdmin();
    const api = await services();
    const fields = productFields(form);
    const status = fields.status === "active" ? "active" : "draft";
    const product = unwrap(await api.commerce.POST("/api/v1/products", { body: { ...fields, status } }));
    productId = product.id;
  } catch (error) {
    return refused(error, values(form));
  }
  revalidatePath("/admin/products");
  redirect(`/admin/products/${productId}`);
}

export async function updateProduct(_: FormState, form: FormData): Promise<FormState> {
  const productId = text(form, "product_id");
  try {
    await requireAdmin();
    const api = await services();
    const path = { params: { path: { product_id: productId } } };
    const saved = unwrap(await api.commerce.GET("/api/v1/products/{product_id}", path));
    unwrap(await api.commerce.PATCH("/api/v1/products/{product_id}", { ...path, body: productFields(form, saved.attributes) }));
    revalidatePath(`/admin/products/${productId}`);
    revalidatePath("/admin/products");
    return { ok: true, message: "Saved." };
  } catch (error) {
    return refused(error, values(form));
  }
}

/** Rupees typed by a person, in paise; blank is null, anything else unreadable is a field error. */
function amount(form: FormData, name: string, errors: FieldErrors, label: string): number | null {
  const raw = text(form, name).trim();
  if (!raw) return null;
  const minor = majorToMinor(raw);
  if (minor === undefined) errors[name] = `${label}: enter an amount in rupees, such as 499 or 499.50.`;
  return minor ?? null;
}

export async function addVariant(_: FormState, form: FormData): Promise<FormState> {
  const productId = text(form, "product_id");
  const errors: FieldErrors = {};
  const price = amount(form, "price", errors, "Price");
  const compareAt = amount(form, "compare_at", errors, "Compare-at price");
  if (price === null && !errors.price) errors.price = "Price: enter the price in rupees.";
  const stockText = text(form, "initial_stock").trim() || "0";
  const initialStock = Number.parseInt(stockText, 10);
  if (!/^\d+$/.test(stockText)) errors.initial_stock = "Stock: enter a whole number of units, 0 or more.";
  if (Object.keys(errors).length > 0) return { fieldErrors: errors, error: Object.values(errors).join(" "), values: values(form) };
  const size = text(form, "size") as "XS" | "S" | "M" | "L" | "XL" | "XXL" | "FREE";
  try {
    await requireAdmin();
    const api = await services();
    const variant = unwrap(
      await api.commerce.POST("/api/v1/products/{product_id}/variants", {
        params: { path: { product_id: productId } },
        body: {
          sku: text(form, "sku").trim(),
          size,
          colour: text(form, "colour").trim(),
          colour_hex: text(form, "colour_hex").trim() || null,
          price_amount: price ?? 0,
          compare_at_amount: compareAt,
          is_active: text(form, "is_active") !== "false",
          initial_stock: initialStock,
        },
      }),
    );
    revalidatePath(`/admin/products/${productId}`);
    return { ok: true, message: `Added ${variant.sku} (${variant.colour}, ${variant.size}) with ${variant.available} in stock.` };
  } catch (error) {
    return refused(error, values(form));
  }
}

export async function updateVariant(_: FormState, form: FormData): Promise<FormState> {
  const productId = text(form, "product_id");
  const variantId = text(form, "variant_id");
  const errors: FieldErrors = {};
  const price = amount(form, "price", errors, "Price");
  const compareAt = amount(form, "compare_at", errors, "Compare-at price");
  if (Object.keys(errors).length > 0) return { fieldErrors: errors, error: Object.values(errors).join(" ") };
  try {
    await requireAdmin();
    const api = await services();
    const variant = unwrap(
      await api.commerce.PATCH("/api/v1/products/{product_id}/variants/{variant_id}", {
        params: { path: { product_id: productId, variant_id: variantId } },
        body: {
          ...(price === null ? {} : { price_amount: price }),
          compare_at_amount: compareAt,
          is_active: text(form, "is_active") === "true",
        },
      }),
    );
    revalidatePath(`/admin/products/${productId}`);
    return { ok: true, message: `${variant.sku} saved.` };
  } catch (error) {
    return refused(error);
  }
}

export async function deleteProduct(_: FormState, form: FormData): Promise<FormState> {
  const productId = text(form, "product_id");
  try {
    await requireAdmin();
    const api = await services();
    unwrap(
      await api.commerce.DELETE("/api/v1/admin/catalog/products/{product_id}", {
        params: { path: { product_id: productId } },
      }),
    );
  } catch (error) {
    return refused(error);
  }
  revalidatePath("/admin/products");
  redirect("/admin/products");
}

export interface ImportState extends FormState {
  report?: CatalogImportReport;
  csv?: string;
}

/** Checks an uploaded CSV (dry run) or applies the one checked before (its text comes back in a hidden field). */
export async function importCatalog(_: ImportState, form: FormData): Promise<ImportState> {
  const apply = text(form, "mode") === "apply";
  let csv = text(form, "csv");
  if (!apply) {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return { error: "Choose a CSV file first." };
    if (file.size > MAX_IMPORT_BYTES) return { error: "The file is larger than 2 MB: split it into several." };
    csv = await file.text();
  }
  try {
    await requireAdmin();
    const api = await services();
    const report = unwrap(
      await api.commerce.POST("/api/v1/admin/catalog/products/import", {
        params: { query: { dry_run: !apply } },
        body: csv,
        bodySerializer: (body: string) => body,
        headers: { "Content-Type": "text/csv" },
      }),
    );
    if (apply) {
      revalidatePath("/admin/products");
      return { ok: true, report, message: "Applied: the catalog now matches the file." };
    }
    return report.errors.length > 0
      ? { report, error: `${report.errors.length} row(s) need fixing; nothing was changed.` }
      : { report, csv, message: "No problems found. Nothing has changed yet: apply to make these changes." };
  } catch (error) {
    if (error instanceof ApiError && error.code === "import_invalid") {
      return { report: error.details as CatalogImportReport, error: error.message };
    }
    return refused(error);
  }
}

// Commerce's limit (photo_too_large); next.config.ts lets a server action body of this size through.
const MAX_PHOTO_BYTES = 8 * 1024 * 1024;

function photoPath(form: FormData) {
  return { product_id: text(form, "product_id"), photo_id: text(form, "photo_id") };
}

function revalidateProduct(productId: string): void {
  revalidatePath(`/admin/products/${productId}`);
  revalidatePath("/admin/products");
}

/** Forwards an uploaded photo to commerce as multipart, with its colour and alt text. */
export async function uploadPhoto(_: FormState, form: FormData): Promise<FormState> {
  const productId = text(form, "product_id");
  const file = form.get("file");
  const kept = values(form);
  if (!(file instanceof File) || file.size === 0) {
    return { error: "Choose a photo to upload (JPEG, PNG or WebP).", fieldErrors: { file: "Choose a photo." }, values: kept };
  }
  if (file.size > MAX_PHOTO_BYTES) {
    return { error: "The photo is larger than 8 MB: export it smaller.", fieldErrors: { file: "At most 8 MB." }, values: kept };
  }
  const upload = new FormData();
  upload.set("file", file, file.name || "photo");
  const colour = text(form, "colour").trim();
  if (colour) upload.set("colour", colour);
  upload.set("alt", text(form, "alt").trim());
  try {
    await requireAdmin();
    const api = await services();
    unwrap(
      await api.commerce.POST("/api/v1/admin/catalog/products/{product_id}/photos", {
        params: { path: { product_id: productId } },
        // openapi-fetch sends a FormData as it is (multipart, with its boundary); the generated type only names its fields.
        body: upload as never,
      }),
    );
    revalidateProduct(productId);
    return { ok: true, message: `Uploaded ${file.name || "the photo"}${colour ? ` for ${colour}` : ""}.` };
  } catch (error) {
    return refused(error, kept);
  }
}

/** A photo's alt text and colour (blank: a picture of every colour). */
export async function updatePhoto(_: FormState, form: FormData): Promise<FormState> {
  const path = photoPath(form);
  try {
    await requireAdmin();
    const api = await services();
    unwrap(
      await api.commerce.PATCH("/api/v1/admin/catalog/products/{product_id}/photos/{photo_id}", {
        params: { path },
        body: { alt: text(form, "alt").trim(), colour: text(form, "colour").trim() || null },
      }),
    );
    revalidateProduct(path.product_id);
    return { ok: true, message: "Saved." };
  } catch (error) {
    return refused(error);
  }
}

/** Moves a photo one place up or down among the product's photos, from the order commerce has now. */
export async function movePhoto(_: FormState, form: FormData): Promise<FormState> {
  const path = photoPath(form);
  const step = text(form, "direction") === "up" ? -1 : 1;
  try {
    await requireAdmin();
    const api = await services();
    const product = unwrap(
      await api.commerce.GET("/api/v1/products/{product_id}", { params: { path: { product_id: path.product_id } } }),
    );
    const order = movedPhotoOrder(product.images, path.photo_id, step);
    if (order === null) return { error: "This photo is no longer there: reload the page." };
    unwrap(
      await api.commerce.PUT("/api/v1/admin/catalog/products/{product_id}/photos/order", {
        params: { path: { product_id: path.product_id } },
        body: { photo_ids: order },
      }),
    );
    revalidateProduct(path.product_id);
    return { ok: true, message: step < 0 ? "Moved up." : "Moved down." };
  } catch (error) {
    return refused(error);
  }
}

export async function deletePhoto(_: FormState, form: FormData): Promise<FormState> {
  const path = photoPath(form);
  try {
    await requireAdmin();
    const api = await services();
    unwrap(await api.commerce.DELETE("/api/v1/admin/catalog/products/{product_id}/photos/{photo_id}", { params: { path } }));
    revalidateProduct(path.product_id);
    return { ok: true, message: "Deleted." };
  } catch (error) {
    return refused(error);
  }
}
