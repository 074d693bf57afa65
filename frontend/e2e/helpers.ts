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
  const directory = process.env.MAIL_CATCHER_DIR || "/var/lib/aarya/mail";
  if (!existsSync(directory)) throw new Error(`no mail catcher at ${directory}: set MAIL_CATCHER_DIR or OTP_SOURCE_CMD`);
  return readdirSync(directory)
    .sort()
    .map((name) => {
      const text = readFileSync(`${directory}/${name}`, "utf8");
      return text.includes(email) ? `${email} ${text}` : "";
    })
    .join("\n");
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
