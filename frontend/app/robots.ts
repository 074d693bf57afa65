import type { MetadataRoute } from "next";

// Read SITE_URL when served, not when built: one build serves every environment.
export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/admin", "/account", "/cart", "/checkout", "/orders"] },
    sitemap: `${process.env.SITE_URL || "http://localhost"}/sitemap.xml`,
  };
}
