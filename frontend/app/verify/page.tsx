import type { Metadata } from "next";
import Link from "next/link";
import { VerifyEmailForm } from "@/components/forms/VerifyEmailForm";
import { safeNext } from "@/lib/validation";

export const metadata: Metadata = { title: "Verify your e-mail", robots: { index: false } };

export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ email?: string; next?: string }> }) {
  const { email = "", next } = await searchParams;
  const target = safeNext(next, "/account");
  return (
    <>
      <h1>Verify your e-mail</h1>
      <p>{email ? `We sent a 6-digit code to ${email}.` : "Enter the 6-digit code we e-mailed you."}</p>
      <VerifyEmailForm email={email} next={target} />
      <p>
        <Link href={target}>Skip for now</Link>
      </p>
    </>
  );
}
