import { ApiError, invalidFields } from "../api/errors";
import type { FieldErrors } from "../validation";

/** What a form's server action answers: a message, errors per field, and the values to show again. */
export interface FormState {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: FieldErrors;
  values?: Record<string, string>;
}

export const initialFormState: FormState = {};

export function failure(error: unknown, values?: Record<string, string>): FormState {
  if (error instanceof ApiError) {
    const fieldErrors: FieldErrors = {};
    for (const field of invalidFields(error)) fieldErrors[field] = "Check this field.";
    return { error: error.message, fieldErrors, values };
  }
  console.error(error);
  return { error: "Something went wrong on our side. Please try again.", values };
}

export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
