/** How a postal address reads on one line (in pickers and lists), without the recipient's name. */
export function addressLine(address: { line1: string; line2?: string | null; city: string; state: string; postal_code: string }): string {
  return [address.line1, address.line2, address.city, `${address.state} ${address.postal_code}`].filter(Boolean).join(", ");
}
