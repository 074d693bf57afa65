/** Checks the forms make before asking a service, with the same rules the services apply. */
import { PIN_ZONES } from "./india";
import { siteUrl } from "./site";

export { INDIAN_STATES, PIN_ZONES, UNION_TERRITORIES } from "./india";

export type FieldErrors = Partial<Record<string, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{6,32}$/;
const PIN = /^[1-9][0-9]{5}$/;

/** A 6-digit PIN code not starting with 0, in the postal zone of the chosen state. */
export function validatePin(pin: string, state: string): string | undefined {
  const code = pin.replace(/\s/g, "");
  if (!/^[0-9]{6}$/.test(code)) return "Enter the 6-digit PIN code, e.g. 560001.";
  if (!PIN.test(code)) return "A PIN code does not start with 0.";
  const zones = PIN_ZONES[state];
  if (zones && !zones.includes(code.charAt(0))) {
    return `PIN code ${code} is not in ${state}: PIN codes there start with ${zones.split("").join(" or ")}.`;
  }
  return undefined;
}

export function validateEmail(email: string): string | undefined {
  if (!email.trim()) return "Enter your e-mail address.";
  if (!EMAIL.test(email.trim())) return "Enter an e-mail address like name@example.com.";
  return undefined;
}

export function validatePassword(password: string): string | undefined {
  if (password.length < 8) return "Use at least 8 characters.";
  if (password.length > 128) return "Use at most 128 characters.";
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) return "Use at least one letter and one digit.";
  return undefined;
}

export function validateOtp(code: string): string | undefined {
  return /^[0-9]{6}$/.test(code.trim()) ? undefined : "Enter the 6-digit code from the e-mail.";
}

export interface AddressInput {
  name: string;
  line1: string;
  line2: string;
  city: string;
  state: string;
  postal_code: string;
  phone: string;
}

export function validateAddress(address: AddressInput): FieldErrors {
  const errors: FieldErrors = {};
  if (!address.name.trim()) errors.name = "Enter the name of the person receiving the parcel.";
  if (!address.line1.trim()) errors.line1 = "Enter the house number and street.";
  if (!address.city.trim()) errors.city = "Enter the town or city.";
  if (!address.state.trim()) errors.state = "Choose the state or union territory.";
  else if (!(address.state in PIN_ZONES)) errors.state = "Choose one of India's states or union territories.";
  const pin = validatePin(address.postal_code.trim(), address.state);
  if (pin) errors.postal_code = pin;
  if (!PHONE.test(address.phone.trim())) errors.phone = "Enter a phone number, e.g. +91 98765 43210.";
  return errors;
}

export function luhnValid(digits: string): boolean {
  if (!/^[0-9]{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export interface CardFields {
  number: string;
  expiry: string;
  cvc: string;
}

export interface ParsedCard {
  card_number: string;
  exp_month: number;
  exp_year: number;
  cvc: string;
}

/** The offline card form: number, MM/YY and CVC, checked as the payment service will. */
export function parseCard(fields: CardFields, now: Date = new Date()): { card?: ParsedCard; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const number = fields.number.replace(/[\s-]/g, "");
  if (!luhnValid(number)) errors.number = "Enter a valid card number.";
  const expiry = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(fields.expiry);
  let month = 0;
  let year = 0;
  if (!expiry) {
    errors.expiry = "Enter the expiry date as MM/YY.";
  } else {
    month = Number(expiry[1]);
    year = Number(expiry[2]);
    if (year < 100) year += 2000;
    const endOfMonth = new Date(Date.UTC(year, month, 1));
    if (month < 1 || month > 12) errors.expiry = "The month must be 01 to 12.";
    else if (endOfMonth.getTime() <= now.getTime()) errors.expiry = "This card has expired.";
  }
  if (!/^[0-9]{3,4}$/.test(fields.cvc.trim())) errors.cvc = "Enter the 3 or 4 digits on the back of the card.";
  if (Object.keys(errors).length) return { errors };
  return { card: { card_number: number, exp_month: month, exp_year: year, cvc: fields.cvc.trim() }, errors };
}

/**
 * Only same-site paths may follow a sign-in (no open redirects). `next` is resolved as a browser would (the
 * WHATWG URL parser drops tabs and newlines and reads "\\" as "/"), so "/\t/evil.example" is seen as the
 * "//evil.example" it becomes; the answer is the parsed path, never the raw string.
 */
export function safeNext(next: unknown, fallback = "/", site: URL = siteUrl()): string {
  // A repeated ?next= arrives as an array.
  if (typeof next !== "string" || !next.startsWith("/")) return fallback;
  let target: URL;
  try {
    target = new URL(next, site.origin);
  } catch {
    return fallback;
  }
  if (target.origin !== site.origin || target.pathname.startsWith("//")) return fallback;
  return `${target.pathname}${target.search}${target.hash}`;
}
