import type { EventHandlers } from '@basket/platform';
import { findVendor, upsertVendor } from './db/vendors-store';
import { vendorStateAfter } from './domain/vendor-read-model';

/**
 * Catalog consumes accounts' facts to keep its vendor read model: who may sell.
 * It publishes ProductCreated, ProductUpdated and VariantPriceChanged (see service/).
 */
export const catalogConsumers: EventHandlers = {
  UserRegistered: async (tx, { data }) => {
    const state = vendorStateAfter(data.role, data.name, false);
    if (state) await upsertVendor(tx, data.userId, state);
  },
  UserRoleChanged: async (tx, { data }) => {
    const known = (await findVendor(tx, data.userId)) !== null;
    const state = vendorStateAfter(data.role, data.name, known);
    if (state) await upsertVendor(tx, data.userId, state);
  },
  UserProfileUpdated: async (tx, { data }) => {
    const current = await findVendor(tx, data.userId);
    if (current) await upsertVendor(tx, data.userId, { name: data.name, active: current.active });
  },
};
