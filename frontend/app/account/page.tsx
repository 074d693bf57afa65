import type { Metadata } from "next";
import Link from "next/link";
import { AddressBook } from "@/components/AddressBook";
import { ChangePasswordForm, ProfileForm } from "@/components/forms/AccountForms";
import { SignOutButton } from "@/components/forms/SignOutButton";
import { SessionRefresh } from "@/components/SessionRefresh";
import { VerifiedRefresh } from "@/components/VerifiedRefresh";
import { currentUser } from "@/lib/api/account";
import { listAddresses } from "@/lib/api/addresses";

export const metadata: Metadata = { title: "Your account", robots: { index: false } };

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ verified?: string }> }) {
  const user = await currentUser();
  if (!user) return <SessionRefresh next="/account" />;
  const { verified } = await searchParams;
  return (
    <>
      <h1>Hello, {user.full_name}</h1>
      {verified ? (
        <p className="notice success" role="status">
          Your e-mail address is verified.
          <VerifiedRefresh />
        </p>
      ) : null}
      <p>
        {user.email} ·{" "}
        {user.is_verified ? (
          "verified"
        ) : (
          <>
            not verified yet: <Link href={`/verify?email=${encodeURIComponent(user.email)}&next=/account`}>enter your code</Link>
          </>
        )}
      </p>
      {/* A div, not a <p>: the sign-out button is a <form>, which a paragraph cannot hold (React error #418). */}
      <div className="filter-actions account-actions">
        <Link className="button secondary" href="/orders">
          Your orders
        </Link>
        {user.role === "admin" ? (
          <Link className="button secondary" href="/admin">
            Admin
          </Link>
        ) : null}
        <SignOutButton />
      </div>
      <div className="account-grid">
        <section className="panel" aria-labelledby="profile-heading">
          <h2 id="profile-heading">Profile</h2>
          <ProfileForm fullName={user.full_name} phone={user.phone} />
        </section>
        <section className="panel" aria-labelledby="password-heading">
          <h2 id="password-heading">Change password</h2>
          <ChangePasswordForm />
        </section>
      </div>
      <AddressBook addresses={await listAddresses()} />
    </>
  );
}
