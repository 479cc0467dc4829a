/**
 * What a cart costs, from its lines and the prices the catalog read model holds now.
 * Pure: the cart service and placeOrder both quote through here, so the total the
 * customer saw is the total the order charges.
 */

/** Flat delivery fee per order in VND; free from FREE_DELIVERY_FROM_VND of goods. */
export const DELIVERY_FEE_VND = 15_000;
export const FREE_DELIVERY_FROM_VND = 300_000;

export interface PricedLine {
  quantity: number;
  /** The price when the line was added. */
  priceAtAddVnd: number;
  /** The catalog's price now; null when the SKU is gone or its product archived. */
  currentPriceVnd: number | null;
}

export interface CartQuote {
  subtotalVnd: number;
  /** Zero until promotions exist. */
  discountVnd: number;
  deliveryFeeVnd: number;
  totalVnd: number;
  currency: 'VND';
}

/** Lines are charged at today's price; unavailable lines are left out (and shown as such). */
export function quoteCart(lines: readonly PricedLine[]): CartQuote {
  const subtotalVnd = lines.reduce((sum, l) => sum + (l.currentPriceVnd === null ? 0 : l.currentPriceVnd * l.quantity), 0);
  const discountVnd = 0;
  const deliveryFeeVnd = subtotalVnd === 0 || subtotalVnd >= FREE_DELIVERY_FROM_VND ? 0 : DELIVERY_FEE_VND;
  return { subtotalVnd, discountVnd, deliveryFeeVnd, totalVnd: subtotalVnd - discountVnd + deliveryFeeVnd, currency: 'VND' };
}

/** A price change since adding is shown, not hidden: the line keeps both prices and this flag. */
export function priceChanged(line: PricedLine): boolean {
  return line.currentPriceVnd !== null && line.currentPriceVnd !== line.priceAtAddVnd;
}

/** Groups lines by vendor: one order part per vendor, in a stable order. */
export function splitByVendor<L extends { vendorId: string }>(lines: readonly L[]): Map<string, L[]> {
  const parts = new Map<string, L[]>();
  for (const line of [...lines].sort((a, b) => a.vendorId.localeCompare(b.vendorId))) {
    parts.set(line.vendorId, [...(parts.get(line.vendorId) ?? []), line]);
  }
  return parts;
}
