/**
 * What the verify page says about the code. After registering it must not tell whether the address already had
 * an account: core answers both alike (the owner of a taken address gets an e-mail saying so instead of a code).
 */
export function VerificationPrompt({ email, registered }: { email: string; registered: boolean }) {
  if (registered && email) {
    return (
      <p role="status">
        If {email} can be used for a new account, we have e-mailed a 6-digit code to it. Already have an account with
        this address? The e-mail tells you how to sign in instead.
      </p>
    );
  }
  return <p>{email ? `Enter the 6-digit code we e-mailed to ${email}.` : "Enter the 6-digit code we e-mailed you."}</p>;
}
