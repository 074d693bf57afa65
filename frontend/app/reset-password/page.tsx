import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/forms/AccountForms";

export const metadata: Metadata = { title: "Set a new password", robots: { index: false } };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email = "" } = await searchParams;
  return (
    <>
      <h1>Set a new password</h1>
      <p>If an account matches {email || "that address"}, a code is on its way. It is valid for 10 minutes.</p>
      <ResetPasswordForm email={email} />
    </>
  );
}
