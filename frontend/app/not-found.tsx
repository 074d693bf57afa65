import { EmptyState } from "@/components/EmptyState";

export default function NotFound() {
  return (
    <EmptyState title="We could not find that page" action={{ href: "/products", label: "Browse the shop" }}>
      <p>It may have moved, or the product is no longer sold.</p>
    </EmptyState>
  );
}
