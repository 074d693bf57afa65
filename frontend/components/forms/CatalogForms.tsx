"use client";

import { useActionState, useState } from "react";
import { addVariant, importCatalog, uploadPhoto, type ImportState } from "@/lib/actions/catalog-admin";
import { initialFormState, type FormState } from "@/lib/actions/state";
import type { Product } from "@/lib/api/schema";
import { Field } from "../Field";
import { FormMessage } from "../FormMessage";
import { SubmitButton } from "../SubmitButton";

const SIZES = ["XS", "S", "M", "L", "XL", "XXL", "FREE"] as const;

/** A product's details: new (no product) or the one being edited. */
export function ProductDetailsForm({
  action,
  product,
  label,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  product?: Product;
  label: string;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const attributes = (product?.attributes ?? {}) as Record<string, string>;
  const pick = (name: string, saved: string | undefined) => values[name] ?? saved ?? "";
  return (
    <form action={formAction} className="stack" aria-label={label}>
      {product ? <input type="hidden" name="product_id" value={product.id} /> : null}
      <Field label="Title" name="title" required maxLength={200} defaultValue={pick("title", product?.title)} error={errors.title} />
      <div className="field">
        <label htmlFor="field-description">Description</label>
        <textarea id="field-description" name="description" rows={4} maxLength={10000} defaultValue={pick("description", product?.description)} />
      </div>
      <Field label="Category" name="category" required hint="A slug such as t-shirts or kurtas" defaultValue={pick("category", product?.category)} error={errors.category} />
      <Field label="Brand" name="brand" required maxLength={80} defaultValue={pick("brand", product?.brand)} error={errors.brand} />
      <Field label="Care" name="care" maxLength={200} hint="e.g. Machine wash cold" defaultValue={pick("care", attributes.care)} error={errors.care} />
      <Field label="Fit" name="fit" maxLength={200} hint="e.g. Regular, Slim" defaultValue={pick("fit", attributes.fit)} error={errors.fit} />
      <Field label="Material" name="material" maxLength={200} defaultValue={pick("material", attributes.material)} error={errors.material} />
      <div className="field">
        <label htmlFor="field-status">Status</label>
        <select id="field-status" name="status" defaultValue={pick("status", product?.status ?? "draft")}>
          <option value="draft">Draft (hidden)</option>
          <option value="active">Active (in the shop)</option>
          {product ? <option value="archived">Archived</option> : null}
        </select>
      </div>
      <SubmitButton pendingLabel="Saving…">{label}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

/** A new size/colour variant with its price and first stock. */
export function VariantAddForm({ productId }: { productId: string }) {
  const [state, formAction] = useActionState(addVariant, initialFormState);
  const errors = state.fieldErrors ?? {};
  const values = state.ok ? {} : (state.values ?? {});
  return (
    <form action={formAction} className="stack" aria-label="Add a variant" key={state.ok ? state.message : "form"}>
      <input type="hidden" name="product_id" value={productId} />
      <Field label="SKU" name="sku" required maxLength={64} hint="Letters, digits, . _ -" defaultValue={values.sku} error={errors.sku} />
      <div className="field">
        <label htmlFor="field-size">Size</label>
        <select id="field-size" name="size" defaultValue={values.size ?? "M"}>
          {SIZES.map((size) => (
            <option key={size}>{size}</option>
          ))}
        </select>
      </div>
      <Field label="Colour" name="colour" required maxLength={40} defaultValue={values.colour} error={errors.colour} />
      <Field label="Swatch" name="colour_hex" hint="#RRGGBB, e.g. #1E3A8A" pattern="#[0-9A-Fa-f]{6}" defaultValue={values.colour_hex} error={errors.colour_hex} />
      <Field label="Price (₹)" name="price" inputMode="decimal" required defaultValue={values.price} error={errors.price ?? errors.price_amount} />
      <Field label="Compare-at price (₹)" name="compare_at" inputMode="decimal" hint="The 'was' price, above the price; empty for none" defaultValue={values.compare_at} error={errors.compare_at ?? errors.compare_at_amount} />
      <Field label="Stock" name="initial_stock" inputMode="numeric" defaultValue={values.initial_stock ?? "0"} error={errors.initial_stock} />
      <div className="field">
        <label htmlFor="field-is-active">For sale</label>
        <select id="field-is-active" name="is_active" defaultValue={values.is_active ?? "true"}>
          <option value="true">Yes</option>
          <option value="false">No</option>
        </select>
      </div>
      <SubmitButton pendingLabel="Adding…">Add variant</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

/** Upload a CSV, see every problem by line (nothing changes), then apply the checked file. */
export function CatalogImportForm() {
  const [state, formAction] = useActionState<ImportState, FormData>(importCatalog, {});
  const report = state.report;
  return (
    <div className="stack">
      <form action={formAction} className="inline-form" aria-label="Check a CSV file">
        <input type="hidden" name="mode" value="check" />
        <label htmlFor="catalog-file">CSV file</label>
        <input id="catalog-file" name="file" type="file" accept=".csv,text/csv" required />
        <SubmitButton className="button small" pendingLabel="Checking…">
          Check (dry run)
        </SubmitButton>
      </form>
      <FormMessage state={state} />
      {report ? (
        <p role="status">
          {report.rows} rows: {report.products_created} new products, {report.products_updated} changed;{" "}
          {report.variants_created} new variants, {report.variants_updated} changed; {report.stock_changes} stock changes.
        </p>
      ) : null}
      {report && report.errors.length > 0 ? (
        <div className="table-scroll">
          <table aria-label="Rows to fix">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">SKU</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((error) => (
                <tr key={`${error.line}-${error.sku ?? ""}`}>
                  <td>{error.line}</td>
                  <td>{error.sku ?? "—"}</td>
                  <td>{error.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {state.csv && report && report.errors.length === 0 && !report.applied ? (
        <form action={formAction} aria-label="Apply the checked file">
          <input type="hidden" name="mode" value="apply" />
          <input type="hidden" name="csv" value={state.csv} />
          <SubmitButton pendingLabel="Applying…">Apply</SubmitButton>
        </form>
      ) : null}
    </div>
  );
}

// Commerce's limit; checked here too so an oversized file is refused before it is sent.
const MAX_PHOTO_MB = 8;

/** Upload a photo (JPEG, PNG or WebP) for one colour or all, with its alt text; it goes last in the gallery. */
export function PhotoUploadForm({ productId, colours }: { productId: string; colours: string[] }) {
  const [state, formAction] = useActionState(uploadPhoto, initialFormState);
  const [tooLarge, setTooLarge] = useState("");
  const errors = state.fieldErrors ?? {};
  const values = state.ok ? {} : (state.values ?? {});
  const fileError = tooLarge ? `At most ${MAX_PHOTO_MB} MB.` : errors.file;
  const checkSize = (event: React.FormEvent<HTMLFormElement>) => {
    const input = event.currentTarget.elements.namedItem("file");
    const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
    if (file && file.size > MAX_PHOTO_MB * 1024 * 1024) {
      event.preventDefault();
      setTooLarge(`${file.name} is ${(Math.ceil((file.size / (1024 * 1024)) * 10) / 10).toFixed(1)} MB; a photo can be at most ${MAX_PHOTO_MB} MB: export it smaller.`);
    } else {
      setTooLarge("");
    }
  };
  return (
    <form action={formAction} onSubmit={checkSize} className="form" aria-label="Upload a photo" key={state.ok ? state.message : "form"}>
      <input type="hidden" name="product_id" value={productId} />
      <div className="field">
        <label htmlFor="photo-file">Photo file</label>
        <span className="hint" id="photo-file-hint">
          JPEG, PNG or WebP, at most {MAX_PHOTO_MB} MB and at least 200 pixels on the short side. Location and camera details are removed.
        </span>
        <input
          id="photo-file"
          name="file"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          required
          onChange={() => setTooLarge("")}
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? "photo-file-hint photo-file-error" : "photo-file-hint"}
        />
        {fileError ? (
          <span className="field-error" id="photo-file-error">
            {fileError}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="photo-colour">Colour</label>
        <span className="hint" id="photo-colour-hint">
          The shop shows this photo first when a shopper picks its colour.
        </span>
        <select id="photo-colour" name="colour" defaultValue={values.colour ?? ""} aria-describedby="photo-colour-hint">
          <option value="">Every colour</option>
          {colours.map((colour) => (
            <option key={colour}>{colour}</option>
          ))}
        </select>
      </div>
      <Field
        id="photo-alt"
        label="Alt text"
        name="alt"
        maxLength={200}
        hint="What the photo shows, for people who cannot see it, e.g. “Linen shirt in White, front”"
        defaultValue={values.alt}
        error={errors.alt}
      />
      <SubmitButton pendingLabel="Uploading…">Upload photo</SubmitButton>
      <FormMessage state={tooLarge ? { error: tooLarge } : state} />
    </form>
  );
}
