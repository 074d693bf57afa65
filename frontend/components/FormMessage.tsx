import type { FormState } from "@/lib/actions/state";

/** The outcome of a form, announced to screen readers. */
export function FormMessage({ state }: { state: FormState }) {
  if (state.error) {
    return (
      <div className="notice error" role="alert">
        {state.error}
      </div>
    );
  }
  if (state.message) {
    return (
      <div className={`notice ${state.ok ? "success" : "info"}`} role="status">
        {state.message}
      </div>
    );
  }
  return null;
}
