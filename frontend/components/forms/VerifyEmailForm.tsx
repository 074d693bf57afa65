"use client";

import { useActionState } from "react";
import { resendCode, verifyEmail } from "@/lib/actions/auth";
import { initialFormState } from "@/lib/actions/state";
import { Field } from "../Field";
import { FormMessage } from "../FormMessage";
import { SubmitButton } from "../SubmitButton";

export function VerifyEmailForm({ email, next }: { email: string; next: string }) {
  const [state, action] = useActionState(verifyEmail, initialFormState);
  const [resent, resend] = useActionState(resendCode, initialFormState);
  return (
    <div className="form">
      <form action={action} className="form" noValidate>
        <FormMessage state={state} />
        <input type="hidden" name="next" value={next} />
        <Field label="E-mail" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email ?? email} error={state.fieldErrors?.email} />
        <Field
          label="Verification code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          required
          hint="The 6-digit code we e-mailed you. It is valid for 10 minutes."
          error={state.fieldErrors?.code}
        />
        <SubmitButton pendingLabel="Checking…">Verify e-mail</SubmitButton>
      </form>
      <form action={resend}>
        <input type="hidden" name="email" value={email} />
        <FormMessage state={resent} />
        <SubmitButton className="link-button" pendingLabel="Sending…">
          Send me a new code
        </SubmitButton>
      </form>
    </div>
  );
}
