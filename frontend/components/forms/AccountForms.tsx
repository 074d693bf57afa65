"use client";

import { useActionState } from "react";
import { changePassword, requestPasswordReset, resetPassword, updateProfile } from "@/lib/actions/auth";
import { initialFormState } from "@/lib/actions/state";
import { Field } from "../Field";
import { FormMessage } from "../FormMessage";
import { SubmitButton } from "../SubmitButton";

export function ProfileForm({ fullName, phone }: { fullName: string; phone: string | null }) {
  const [state, action] = useActionState(updateProfile, initialFormState);
  return (
    <form action={action} className="form" noValidate>
      <FormMessage state={state} />
      <Field label="Full name" name="full_name" autoComplete="name" defaultValue={state.values?.full_name ?? fullName} error={state.fieldErrors?.full_name} />
      <Field label="Phone" name="phone" type="tel" autoComplete="tel" defaultValue={state.values?.phone ?? phone ?? ""} error={state.fieldErrors?.phone} />
      <SubmitButton pendingLabel="Saving…">Save profile</SubmitButton>
    </form>
  );
}

export function ChangePasswordForm() {
  const [state, action] = useActionState(changePassword, initialFormState);
  return (
    <form action={action} className="form" noValidate>
      <FormMessage state={state} />
      <Field label="Current password" name="current_password" type="password" autoComplete="current-password" error={state.fieldErrors?.current_password} />
      <Field
        label="New password"
        name="new_password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters, with a letter and a digit."
        error={state.fieldErrors?.new_password}
      />
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
    </form>
  );
}

export function ForgotPasswordForm() {
  const [state, action] = useActionState(requestPasswordReset, initialFormState);
  return (
    <form action={action} className="form" noValidate>
      <FormMessage state={state} />
      <Field label="E-mail" name="email" type="email" autoComplete="email" defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <SubmitButton pendingLabel="Sending…">Send me a code</SubmitButton>
    </form>
  );
}

export function ResetPasswordForm({ email }: { email: string }) {
  const [state, action] = useActionState(resetPassword, initialFormState);
  return (
    <form action={action} className="form" noValidate>
      <FormMessage state={state} />
      <Field label="E-mail" name="email" type="email" autoComplete="email" defaultValue={state.values?.email ?? email} error={state.fieldErrors?.email} />
      <Field label="Code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} error={state.fieldErrors?.code} />
      <Field
        label="New password"
        name="new_password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters, with a letter and a digit."
        error={state.fieldErrors?.new_password}
      />
      <SubmitButton pendingLabel="Saving…">Set new password</SubmitButton>
    </form>
  );
}
