import type { NextConfig } from "next";

const isDevelopment = process.env.NODE_ENV === "development";

const serviceRoutes: Array<[string, string]> = [
  ["/api/v1/auth/:path*", process.env.CORE_API_URL ?? "http://127.0.0.1:8001"],
  ["/api/v1/users/:path*", process.env.CORE_API_URL ?? "http://127.0.0.1:8001"],
  ["/api/v1/admin/orders/:path*", process.env.COMMERCE_API_URL ?? "http://127.0.0.1:8010"],
  ["/api/v1/admin/dashboard/:path*", process.env.COMMERCE_API_URL ?? "http://127.0.0.1:8010"],
  ["/api/v1/admin/discounts/:path*", process.env.COMMERCE_API_URL ?? "http://127.0.0.1:8010"],
  ["/api/v1/admin/catalog/:path*", process.env.COMMERCE_API_URL ?? "http://127.0.0.1:8010"],
  ["/api/v1/admin/:path*", process.env.CORE_API_URL ?? "http://127.0.0.1:8001"],
  ["/api/v1/payments/:path*", process.env.PAYMENT_API_URL ?? "http://127.0.0.1:8020"],
  ["/api/v1/:path*", process.env.COMMERCE_API_URL ?? "http://127.0.0.1:8010"],
  ["/media/:path*", process.env.COMMERCE_API_URL ?? "http://127.0.0.1:8010"],
];

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // Server actions carry the admin's uploads: a photo (at most 8 MB, commerce's limit) and the catalog CSV (2 MB).
    serverActions: { bodySizeLimit: "9mb" },
  },
  images: {
    // Catalog photos come with their WebP renditions (srcset) from commerce under /media; there is nothing to resize.
    unoptimized: true,
  },
  // In production nginx routes /api/v1 and /media; `next dev` stands in for it.
  async rewrites() {
    if (!isDevelopment) return [];
    return serviceRoutes.map(([source, origin]) => ({
      source,
      destination: `${origin}${source}`,
    }));
  },
};

export default nextConfig;
