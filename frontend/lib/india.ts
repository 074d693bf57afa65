/**
 * India's 28 states and 8 union territories, each with the first digits (postal zones) of its PIN codes; the
 * same list commerce checks (services/commerce/commerce/addresses/india.py). Puducherry spans two zones.
 */
export const PIN_ZONES: Readonly<Record<string, string>> = {
  "Andhra Pradesh": "5",
  "Arunachal Pradesh": "7",
  Assam: "7",
  Bihar: "8",
  Chhattisgarh: "4",
  Goa: "4",
  Gujarat: "3",
  Haryana: "1",
  "Himachal Pradesh": "1",
  Jharkhand: "8",
  Karnataka: "5",
  Kerala: "6",
  "Madhya Pradesh": "4",
  Maharashtra: "4",
  Manipur: "7",
  Meghalaya: "7",
  Mizoram: "7",
  Nagaland: "7",
  Odisha: "7",
  Punjab: "1",
  Rajasthan: "3",
  Sikkim: "7",
  "Tamil Nadu": "6",
  Telangana: "5",
  Tripura: "7",
  "Uttar Pradesh": "2",
  Uttarakhand: "2",
  "West Bengal": "7",
  "Andaman and Nicobar Islands": "7",
  Chandigarh: "1",
  "Dadra and Nagar Haveli and Daman and Diu": "3",
  Delhi: "1",
  "Jammu and Kashmir": "1",
  Ladakh: "1",
  Lakshadweep: "6",
  Puducherry: "56",
};

/** The states first, then the union territories, each alphabetically (as a shopper scans the list). */
export const INDIAN_STATES: readonly string[] = Object.keys(PIN_ZONES).slice(0, 28);
export const UNION_TERRITORIES: readonly string[] = Object.keys(PIN_ZONES).slice(28);
