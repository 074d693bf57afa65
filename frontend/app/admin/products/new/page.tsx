import Link from "next/link";
import { ProductDetailsForm } from "@/components/forms/CatalogForms";
import { createProduct } from "@/lib/actions/catalog-admin";

export const metadata = { title: "New product" };

export default function NewProductPage() {
  return (
    <>
      <p>
        <Link href="/admin/products">← Products</Link>
      </p>
      <h1>New product</h1>
      <p className="muted">Save it as a draft, add its colours and sizes with stock, then publish it.</p>
      <ProductDetailsForm action={createProduct} label="Create product" />
    </>
  );
}
