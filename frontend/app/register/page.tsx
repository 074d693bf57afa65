import type { Metadata } from "next";
import Link from "next/link";
import { RegisterForm } from "@/components/forms/RegisterForm";
import { safeNext } from "@/lib/validation";

export const metadata: Metadata = { title: "Create an account", robots: { index: false } };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const target = safeNext((await searchParams).next, "/account");
  return (
    <>
      <h1>Create an account</h1>
      <p>We will e-mail you a code to confirm your address. Your cart comes with you.</p>
      <RegisterForm next={target} />
      <p>
        Already have an account? <Link href={`/login?next=${encodeURIComponent(target)}`}>Sign in</Link>
      </p>
    </>
  );
}
