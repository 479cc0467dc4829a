import type { EventHandlers, Tx } from '@basket/platform';
import type { RoleName } from '@basket/schema';
import { findVendor, upsertVendor } from './db/vendors-store';
import { findAdminsByIds, upsertAdmin } from './db/admins-store';
import { adminStateAfter, vendorStateAfter } from './domain/read-models';

/**
 * A user's role as of a fact, into both read models. Each fact carries the whole
 * state a row holds (role and shop name), so "newest fact wins" per row is correct
 * whatever order facts arrive in.
 */
async function applyRole(tx: Tx, fact: { userId: string; role: RoleName; name: string; shopName?: string | undefined }, asOf: Date) {
  const vendorKnown = (await findVendor(tx, fact.userId)) !== null;
  const vendor = vendorStateAfter(fact.role, fact.shopName ?? fact.name, vendorKnown);
  if (vendor) await upsertVendor(tx, fact.userId, vendor, asOf);
  const adminKnown = (await findAdminsByIds(tx, [fact.userId])).length > 0;
  const admin = adminStateAfter(fact.role, adminKnown);
  if (admin) await upsertAdmin(tx, fact.userId, admin.active, asOf);
}

/**
 * Catalog consumes accounts' facts to keep its read models: who may sell (vendors)
 * and who administers (admins). Redelivery is a no-op (processed_events); a fact
 * older than what a row reflects is ignored (as_of), e.g. a parked promotion re-driven
 * after the demotion that followed it.
 * It publishes ProductCreated, ProductUpdated, VariantPriceChanged, VariantAdded and
 * VariantRemoved (see service/).
 */
export const catalogConsumers: EventHandlers = {
  UserRegistered: (tx, { data, occurredAt }) => applyRole(tx, data, new Date(occurredAt)),
  UserRoleChanged: (tx, { data, occurredAt }) => applyRole(tx, data, new Date(occurredAt)),
  // The shop, not the person, names a vendor; only a VENDOR can change their shop.
  VendorShopChanged: (tx, { data, occurredAt }) =>
    upsertVendor(tx, data.userId, { name: data.shopName, active: true }, new Date(occurredAt)),
};
