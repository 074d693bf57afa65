import type { MetadataRoute } from "next";
import { listProductsRaw } from "@/lib/api/catalog";

export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const site = process.env.SITE_URL || "http://localhost";
  const entries: MetadataRoute.Sitemap = [{ url: `${site}/` }, { url: `${site}/products` }];
  try {
    for (let page = 1; page <= 20; page += 1) {
      const result = await listProductsRaw({ page, page_size: 100, sort: "newest" });
      entries.push(...result.items.map((p) => ({ url: `${site}/products/${p.slug}`, lastModified: p.created_at })));
      if (page >= result.pages) break;
    }
  } catch {
    // The catalog is unavailable: the sitemap still lists the fixed pages.
  }
  return entries;
}
