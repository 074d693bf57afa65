import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/forms/AccountForms";

export const metadata: Metadata = { title: "Forgot your password", robots: { index: false } };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1>Forgot your password?</h1>
      <p>Enter your e-mail address and we will send you a code to set a new password.</p>
      <ForgotPasswordForm />
    </>
  );
}
