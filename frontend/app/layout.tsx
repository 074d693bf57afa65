import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { DemoBanner } from "@/components/DemoBanner";
import { SiteFooter, SiteHeader } from "@/components/SiteHeader";
import "./globals.css";
import "./styles/listing.css";
import "./styles/product.css";
import "./styles/checkout.css";
import "./styles/messages.css";

export const metadata: Metadata = {
  metadataBase: new URL(process.env.SITE_URL || "http://localhost"),
  title: { default: "Aarya Clothing: everyday wear and festive classics", template: "%s · Aarya Clothing" },
  description: "Shop T-shirts, shirts, kurtas, sarees, dresses and more from Aarya Clothing. Free delivery across India.",
  openGraph: { siteName: "Aarya Clothing", type: "website", locale: "en_IN" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1d1a17" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: its scripts carry that request's CSP nonce (proxy.ts), and the
  // demo banner follows the server's SHOP_DEMO_MODE, not the build machine's.
  await connection();
  return (
    <html lang="en-IN">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <DemoBanner />
        <SiteHeader />
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
