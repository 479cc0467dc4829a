import type { RegionName } from './db/schema';

/** Availability is loaded per (sku, region); DataLoader keys compare by value, so they are strings. */
export const availabilityKey = (sku: string, region: RegionName) => `${region}|${sku}`;

export function parseAvailabilityKey(key: string): { sku: string; region: RegionName } {
  const at = key.indexOf('|');
  return { region: key.slice(0, at) as RegionName, sku: key.slice(at + 1) };
}
