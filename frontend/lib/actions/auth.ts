"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { GUEST_CART_COOKIE, mergeGuestCart, readGuestCart } from "../api/cart";
import { unwrap } from "../api/errors";
import { createServices } from "../api/http";
import { passOnCookies, services } from "../api/server";
import { decodeAccessToken } from "../session";
import { safeNext, validateEmail, validateOtp, validatePassword } from "../validation";
import { failure, text, type FormState } from "./state";

async function adoptGuestCart(accessToken: string): Promise<void> {
  const viewer = decodeAccessToken(accessToken);
  const lines = await readGuestCart();
  if (!viewer || lines.length === 0) return;
  const jar = await cookies();
  try {
    await mergeGuestCart(createServices({ accessToken }), viewer.userId, lines);
    jar.delete(GUEST_CART_COOKIE);
  } catch (error) {
    console.error("guest cart merge failed", error);
  }
}

export async function signIn(_: FormState, form: FormData): Promise<FormState> {
  const email = text(form, "email").trim();
  const password = text(form, "password");
  const next = safeNext(text(form, "next"), "/account");
  const fieldErrors = { email: validateEmail(email), password: password ? undefined : "Enter your password." };
  if (fieldErrors.email || fieldErrors.password) return { fieldErrors, values: { email } };
  try {
    const api = await services();
    const result = await api.core.POST("/api/v1/auth/login", { body: { email, password } });
    const tokens = unwrap(result);
    await passOnCookies(result.response);
    await adoptGuestCart(tokens.access_token);
  } catch (error) {
    return failure(error, { email });
  }
  redirect(next);
}

export async function register(_: FormState, form: FormData): Promise<FormState> {
  const values = { email: text(form, "email").trim(), full_name: text(form, "full_name").trim() };
  const password = text(form, "password");
  const next = safeNext(text(form, "next"), "/account");
  const fieldErrors = {
    full_name: values.full_name ? undefined : "Enter your name.",
    email: validateEmail(values.email),
    password: validatePassword(password),
  };
  if (Object.values(fieldErrors).some(Boolean)) return { fieldErrors, values };
  try {
    const api = await services();
    unwrap(
      await api.core.POST("/api/v1/auth/register", {
        body: { email: values.email, password, full_name: values.full_name },
      }),
    );
    // Core answers a new and a taken address alike and starts no session. Signing in with the same password works
    // only for the new account; a refusal is not shown, since it would tell that the address was taken.
    const login = await api.core.POST("/api/v1/auth/login", { body: { email: values.email, password } });
    if (login.data) {
      await passOnCookies(login.response);
      await adoptGuestCart(login.data.access_token);
    }
  } catch (error) {
    return failure(error, values);
  }
  redirect(`/verify?${new URLSearchParams({ email: values.email, next, registered: "1" })}`);
}

export async function verifyEmail(_: FormState, form: FormData): Promise<FormState> {
  const email = text(form, "email").trim();
  const code = text(form, "code").trim();
  const next = safeNext(text(form, "next"), "/account");
  const fieldErrors = { email: validateEmail(email), code: validateOtp(code) };
  if (fieldErrors.email || fieldErrors.code) return { fieldErrors, values: { email } };
  try {
    const api = await services();
    unwrap(await api.core.POST("/api/v1/auth/verify-otp", { body: { email, code, purpose: "verify_email" } }));
  } catch (error) {
    return failure(error, { email });
  }
  redirect(`${next}${next.includes("?") ? "&" : "?"}verified=1`);
}

export async function resendCode(_: FormState, form: FormData): Promise<FormState> {
  const email = text(form, "email").trim();
  const emailError = validateEmail(email);
  if (emailError) return { fieldErrors: { email: emailError }, values: { email } };
  try {
    const api = await services();
    const sent = unwrap(await api.core.POST("/api/v1/auth/resend-otp", { body: { email, purpose: "verify_email" } }));
    return { ok: true, message: `A new code is on its way. You can ask again in ${sent.resend_after} seconds.`, values: { email } };
  } catch (error) {
    return failure(error, { email });
  }
}

export async function requestPasswordReset(_: FormState, form: FormData): Promise<FormState> {
  const email = text(form, "email").trim();
  const emailError = validateEmail(email);
  if (emailError) return { fieldErrors: { email: emailError }, values: { email } };
  try {
    const api = await services();
    unwrap(await api.core.POST("/api/v1/auth/send-otp", { body: { email, purpose: "reset_password" } }));
  } catch (error) {
    return failure(error, { email });
  }
  redirect(`/reset-password?${new URLSearchParams({ email })}`);
}

export async function resetPassword(_: FormState, form: FormData): Promise<FormState> {
  const email = text(form, "email").trim();
  const code = text(form, "code").trim();
  const password = text(form, "new_password");
  const fieldErrors = { email: validateEmail(email), code: validateOtp(code), new_password: validatePassword(password) };
  if (Object.values(fieldErrors).some(Boolean)) return { fieldErrors, values: { email } };
  try {
    const api = await services();
    unwrap(
      await api.core.POST("/api/v1/auth/verify-otp", {
        body: { email, code, purpose: "reset_password", new_password: password },
      }),
    );
  } catch (error) {
    return failure(error, { email });
  }
  redirect("/login?reset=1");
}

export async function signOut(): Promise<void> {
  const api = await services();
  const result = await api.core.POST("/api/v1/auth/logout");
  await passOnCookies(result.response);
  // Also when the access token had already expired (logout answered 401): forget both cookies here.
  const jar = await cookies();
  jar.delete("access_token");
  jar.delete({ name: "refresh_token", path: "/api/v1/auth" });
  redirect("/");
}

export async function changePassword(_: FormState, form: FormData): Promise<FormState> {
  const current = text(form, "current_password");
  const password = text(form, "new_password");
  const fieldErrors = {
    current_password: current ? undefined : "Enter your current password.",
    new_password: validatePassword(password),
  };
  if (fieldErrors.current_password || fieldErrors.new_password) return { fieldErrors };
  try {
    const api = await services();
    unwrap(
      await api.core.POST("/api/v1/auth/change-password", {
        body: { current_password: current, new_password: password },
      }),
    );
    return { ok: true, message: "Password changed. Your other sessions have been signed out." };
  } catch (error) {
    return failure(error);
  }
}

export async function updateProfile(_: FormState, form: FormData): Promise<FormState> {
  const values = { full_name: text(form, "full_name").trim(), phone: text(form, "phone").trim() };
  if (!values.full_name) return { fieldErrors: { full_name: "Enter your name." }, values };
  try {
    const api = await services();
    unwrap(
      await api.core.PATCH("/api/v1/users/me", {
        body: { full_name: values.full_name, phone: values.phone || null },
      }),
    );
    return { ok: true, message: "Profile saved.", values };
  } catch (error) {
    return failure(error, values);
  }
}
