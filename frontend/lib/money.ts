/** Money arrives as integer minor units plus an ISO 4217 code (paise for INR). */

const MINOR_UNIT_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, BHD: 3, KWD: 3, OMR: 3 };

export function minorUnitDigits(currency: string): number {
  return MINOR_UNIT_DIGITS[currency.toUpperCase()] ?? 2;
}

export function formatMoney(amount: number, currency: string = "INR"): string {
  const digits = minorUnitDigits(currency);
  const major = amount / 10 ** digits;
  const whole = amount % 10 ** digits === 0;
  return new Intl.NumberFormat("en-IN", {
    style: "currency",
    currency: currency.toUpperCase(),
    minimumFractionDigits: whole ? 0 : digits,
    maximumFractionDigits: digits,
  }).format(major);
}

export function formatPriceRange(min: number | null, max: number | null, currency: string | null): string {
  if (min === null || currency === null) return "Unavailable";
  if (max === null || max === min) return formatMoney(min, currency);
  return `${formatMoney(min, currency)} – ${formatMoney(max, currency)}`;
}

/** Whole rupees typed into a filter, as paise; empty or invalid input is no bound. */
export function majorToMinor(value: string | undefined, currency: string = "INR"): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const major = Number(value);
  if (!Number.isFinite(major) || major < 0) return undefined;
  return Math.round(major * 10 ** minorUnitDigits(currency));
}

export function minorToMajor(amount: number | undefined, currency: string = "INR"): string {
  if (amount === undefined) return "";
  return String(amount / 10 ** minorUnitDigits(currency));
}

export function discountPercent(price: number, compareAt: number | null | undefined): number | null {
  if (!compareAt || compareAt <= price) return null;
  return Math.round(((compareAt - price) / compareAt) * 100);
}
