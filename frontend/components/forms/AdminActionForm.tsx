"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/actions/state";
import { initialFormState } from "@/lib/actions/state";
import { FormMessage } from "../FormMessage";
import { SubmitButton } from "../SubmitButton";

/** A small admin form: hidden fields, optional inputs, one button, its outcome next to it. */
export function AdminActionForm({
  action,
  hidden,
  label,
  pendingLabel,
  danger = false,
  children,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  label: React.ReactNode;
  pendingLabel?: string;
  danger?: boolean;
  children?: React.ReactNode;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const fieldError = Object.values(state.fieldErrors ?? {}).find(Boolean);
  return (
    <form action={formAction} className="inline-form">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <SubmitButton className={`button small${danger ? " danger" : ""}`} pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
      {fieldError ? (
        <span className="field-error" role="alert">
          {fieldError}
        </span>
      ) : null}
      <FormMessage state={state} />
    </form>
  );
}
