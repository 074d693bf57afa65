"use client";

import { useActionState } from "react";
import { register } from "@/lib/actions/auth";
import { initialFormState } from "@/lib/actions/state";
import { Field } from "../Field";
import { FormMessage } from "../FormMessage";
import { SubmitButton } from "../SubmitButton";

export function RegisterForm({ next }: { next: string }) {
  const [state, action] = useActionState(register, initialFormState);
  return (
    <form action={action} className="form" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="next" value={next} />
      <Field label="Full name" name="full_name" autoComplete="name" required defaultValue={state.values?.full_name} error={state.fieldErrors?.full_name} />
      <Field label="E-mail" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters, with a letter and a digit."
        error={state.fieldErrors?.password}
      />
      <SubmitButton pendingLabel="Creating your account…">Create account</SubmitButton>
    </form>
  );
}
