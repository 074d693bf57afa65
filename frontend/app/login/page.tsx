import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "@/components/forms/SignInForm";
import { safeNext } from "@/lib/validation";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; reset?: string }> }) {
  const { next, reset } = await searchParams;
  const target = safeNext(next, "/account");
  return (
    <>
      <h1>Sign in</h1>
      {reset ? (
        <p className="notice success" role="status">
          Your password is changed. Sign in with the new one.
        </p>
      ) : null}
      <SignInForm next={target} />
      <p>
        New to Aarya? <Link href={`/register?next=${encodeURIComponent(target)}`}>Create an account</Link>
      </p>
    </>
  );
}
