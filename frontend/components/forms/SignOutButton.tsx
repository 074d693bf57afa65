import { signOut } from "@/lib/actions/auth";
import { SubmitButton } from "../SubmitButton";

export function SignOutButton() {
  return (
    <form action={signOut}>
      <SubmitButton className="button secondary" pendingLabel="Signing out…">
        Sign out
      </SubmitButton>
    </form>
  );
}
