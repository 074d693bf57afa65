import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const run = promisify(execFile);

export const SCREENSHOTS = process.env.SCREENSHOT_DIR || path.resolve(__dirname, "../../tests/artifacts/screenshots");
mkdirSync(SCREENSHOTS, { recursive: true });

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** No serious or critical axe-core violations (WCAG 2.1 A and AA rules). */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.com`;
}

const CODE_FOR = (email: string) => new RegExp(`${email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[\\s\\S]*?Your code is (\\d{6})`, "g");

/** Every code the text shows for this address; the last one is the newest. */
export function codesIn(text: string, email: string): string[] {
  return [...text.matchAll(CODE_FOR(email))].map((match) => match[1] ?? "").filter(Boolean);
}

async function otpText(email: string): Promise<string> {
  const command = process.env.OTP_SOURCE_CMD;
  if (command) {
    const { stdout } = await run("/bin/sh", ["-c", command], { env: { ...process.env, OTP_EMAIL: email }, maxBuffer: 32 << 20 });
    return stdout.includes("Your code is") ? stdout : `${email} Your code is ${stdout.trim()}`;
  }
  // The demo's mail catcher: one file per message, named by time, so sorted names put the newest code last.
  return caughtFiles()
    .map((file) => {
      const text = readFileSync(file, "utf8");
      return text.includes(email) ? `${email} ${text}` : "";
    })
    .join("\n");
}

/**
 * The mail catcher's files, oldest first: MAIL_CATCHER_DIR (default /var/lib/aarya/mail; run as root or a member of
 * aarya-ops) and its subdirectories, one per service (core/ sign-in codes, commerce/ order e-mails). Each file is
 * named by the time it was written, so sorting by name sorts by time.
 */
function caughtFiles(): string[] {
  const directory = process.env.MAIL_CATCHER_DIR || "/var/lib/aarya/mail";
  if (!existsSync(directory)) throw new Error(`no mail catcher at ${directory}: set MAIL_CATCHER_DIR or OTP_SOURCE_CMD`);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".eml")) files.push(full);
    }
  };
  walk(directory);
  return files.sort((a, b) => path.basename(a).localeCompare(path.basename(b)));
}

/**
 * The newest caught message (raw, headers and MIME parts) holding `match`, e.g. an order e-mail's
 * `X-Aarya-Order-Email: confirmation <order id>` header, waiting for it up to `timeoutMs` (commerce's outbox sends
 * within seconds). Read from the demo's mail catcher, or with MAIL_SOURCE_CMD: a shell command that prints the newest
 * message holding $MAIL_MATCH (molecule/full-stack/verify.yml reads the catcher inside the test host).
 */
export async function caughtMail(match: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const command = process.env.MAIL_SOURCE_CMD;
  for (;;) {
    let raw = "";
    if (command) {
      const { stdout } = await run("/bin/sh", ["-c", command], { env: { ...process.env, MAIL_MATCH: match }, maxBuffer: 32 << 20 });
      raw = stdout.includes(match) ? stdout : "";
    } else {
      raw = caughtFiles()
        .map((file) => readFileSync(file, "utf8"))
        .filter((text) => text.includes(match))
        .at(-1) ?? "";
    }
    if (raw) return raw;
    if (Date.now() > deadline) throw new Error(`no caught e-mail holding "${match}" within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

function decodeQuotedPrintable(body: string): string {
  const bytes: number[] = [];
  const text = body.replace(/=\r?\n/g, "");
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i] ?? "", "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** One part of a caught message (`text/plain` or `text/html`), its transfer encoding undone. */
export function mailPart(raw: string, type: "text/plain" | "text/html"): string {
  const message = raw.replace(/\r\n/g, "\n");
  const boundary = /boundary="?([^";\n]+)"?/i.exec(message)?.[1];
  const parts = boundary ? message.split(`--${boundary}`).slice(1, -1) : [message];
  for (const part of parts) {
    const trimmed = part.replace(/^\n/, "");
    const split = trimmed.indexOf("\n\n");
    const headers = trimmed.slice(0, split).replace(/\n[ \t]+/g, " ");
    const body = trimmed.slice(split + 2);
    if (!new RegExp(`^content-type:\\s*${type}`, "im").test(headers)) continue;
    const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
    if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
    return body;
  }
  throw new Error(`the message has no ${type} part`);
}

/**
 * The one-time code core sent to `email`. By default read from the demo's mail catcher (MAIL_CATCHER_DIR, default
 * /var/lib/aarya/mail: run as root or a member of aarya-ops). With an SMTP sink, set OTP_SOURCE_CMD: a shell
 * command that prints the newest code (or the mail) for $OTP_EMAIL.
 */
export async function latestOtp(email: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const codes = codesIn(await otpText(email), email);
    const code = codes.at(-1);
    if (code) return code;
    if (Date.now() > deadline) throw new Error(`no one-time code for ${email} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Signs in with the admin account the suite is given (E2E_ADMIN_EMAIL, E2E_ADMIN_PASSWORD) and lands on `next`. */
export async function signInAsAdmin(page: Page, next = "/admin"): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("E-mail").fill(process.env.E2E_ADMIN_EMAIL ?? "");
  await page.getByLabel("Password").fill(process.env.E2E_ADMIN_PASSWORD ?? "");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === next);
}

/**
 * From a cart holding something, a newcomer creates an account, types the code e-mailed to them, and arrives at
 * the checkout with the cart kept.
 */
export async function signUpFromCart(page: Page, shopper: { name: string; email: string; password: string }): Promise<void> {
  await page.goto("/cart");
  await page.getByRole("link", { name: "Create an account to check out" }).click();
  await expect(page.getByRole("heading", { name: "Create an account" })).toBeVisible();
  await page.getByLabel("Full name").fill(shopper.name);
  await page.getByLabel("E-mail").fill(shopper.email);
  await page.getByLabel("Password").fill(shopper.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Verify your e-mail" })).toBeVisible();
  await page.getByLabel("Verification code").fill(await latestOtp(shopper.email));
  await page.getByRole("button", { name: "Verify e-mail" }).click();
  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
}

export interface DeliveryAddress {
  name: string;
  line1: string;
  city: string;
  state: string;
  pin: string;
  phone: string;
  note?: string;
}

/** Fills the checkout's delivery address and goes on to the payment page; returns the new order's id. */
export async function continueToPayment(page: Page, address: DeliveryAddress): Promise<string> {
  await page.getByLabel("Full name").fill(address.name);
  await page.getByLabel("Address line 1").fill(address.line1);
  await page.getByLabel("Town or city").fill(address.city);
  await page.getByLabel("State").selectOption(address.state);
  await page.getByLabel("PIN code").fill(address.pin);
  await page.getByLabel("Phone").fill(address.phone);
  if (address.note !== undefined) await page.getByLabel("Delivery note (optional)").fill(address.note);
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]+\/pay(\?[^/]*)?$/);
  return /\/orders\/([0-9a-f-]+)\/pay/.exec(page.url())?.[1] ?? "";
}

/** On the payment page, pays with the offline provider's card that always succeeds. */
export async function payWithTestCard(page: Page): Promise<void> {
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Expiry (MM/YY)").fill("12/34");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: /^Pay ₹/ }).click();
  await expect(page.getByRole("heading", { name: "Thank you for your order" })).toBeVisible();
}

/** In the admin's product editor: adds a size-M variant with its colour, swatch, price and opening stock. */
export async function addVariant(page: Page, fields: { sku: string; colour: string; hex: string; price: string; stock: string }) {
  const form = page.getByRole("form", { name: "Add a variant" });
  await form.getByLabel("SKU").fill(fields.sku);
  await form.getByLabel("Size").selectOption("M");
  await form.getByLabel("Colour").fill(fields.colour);
  await form.getByLabel("Swatch").fill(fields.hex);
  await form.getByLabel("Price (₹)", { exact: true }).fill(fields.price);
  await form.getByLabel("Stock").fill(fields.stock);
  await form.getByRole("button", { name: "Add variant" }).click();
  await expect(form.getByRole("status")).toContainText(`Added ${fields.sku}`);
}
