import type { FieldErrors } from "./validation";

/** Couriers offered in the admin's fulfil form (any other name may be typed). */
export const CARRIERS = ["Delhivery", "Blue Dart", "DTDC", "Ecom Express", "Xpressbees", "India Post", "Shadowfax"];

/** The commerce service's rule for a tracking (AWB) number: 3 to 64 letters, digits, spaces, "-" or "/". */
export const TRACKING_NUMBER_PATTERN = "[A-Za-z0-9][A-Za-z0-9 \\/\\-]{2,63}";
const TRACKING_NUMBER = new RegExp(`^${TRACKING_NUMBER_PATTERN}$`);

/** What is wrong with a fulfil form's carrier and tracking number, per field (empty: nothing). */
export function shipmentErrors(carrier: string, trackingNumber: string): FieldErrors {
  const errors: FieldErrors = {};
  if (carrier.length < 2 || carrier.length > 80) errors.carrier = "Name the carrier (e.g. Delhivery).";
  if (!TRACKING_NUMBER.test(trackingNumber)) {
    errors.tracking_number = "Enter the tracking number: 3 to 64 letters, digits, spaces, - or /.";
  }
  return errors;
}
