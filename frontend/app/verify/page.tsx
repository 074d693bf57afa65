import type { Metadata } from "next";
import Link from "next/link";
import { VerificationPrompt } from "@/components/VerificationPrompt";
import { VerifyEmailForm } from "@/components/forms/VerifyEmailForm";
import { safeNext } from "@/lib/validation";

export const metadata: Metadata = { title: "Verify your e-mail", robots: { index: false } };

export default async function VerifyPage({
  searchParams,
}: {
  searchParams: Promise<{ email?: string; next?: string; registered?: string }>;
}) {
  const { email = "", next, registered } = await searchParams;
  const target = safeNext(next, "/account");
  return (
    <>
      <h1>Verify your e-mail</h1>
      <VerificationPrompt email={email} registered={registered === "1"} />
      <VerifyEmailForm email={email} next={target} />
      <p>
        <Link href={target}>Skip for now</Link>
      </p>
    </>
  );
}
