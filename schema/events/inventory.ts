import { z } from 'zod';

/** The contract's regions, as strings in messages (GraphQL `enum Region`). */
export const Region = z.enum(['HA_NOI', 'HO_CHI_MINH']);
export type RegionName = z.infer<typeof Region>;

const saga = { sagaId: z.string().min(1), orderId: z.string().min(1) };
const quantity = z.number().int().positive();
const reservationIds = z.array(z.uuid());

/**
 * Topic: inventory.commands, key: saga id. Imperative: addressed to inventory, which
 * answers each with one of the replies below on inventory.events.
 */
export const inventoryCommands = {
  /** Reserve every line or none; a line that allows it may take the SKU's first available substitute. */
  ReserveStock: {
    version: 1,
    data: z.object({
      ...saga,
      region: Region,
      ttlSeconds: z.number().int().positive().max(86_400),
      lines: z.array(z.object({ lineId: z.string().min(1), sku: z.string().min(1), quantity, allowSubstitution: z.boolean() })).min(1),
    }),
  },
  /** Undo of ReserveStock; releasing what is already released, expired or sold is a no-op that still replies. */
  ReleaseStock: {
    version: 1,
    data: z.object({ ...saga, reservationIds, reason: z.string() }),
  },
  /** The order is confirmed: reserved units become a sale. */
  CommitStock: {
    version: 1,
    data: z.object({ ...saga, reservationIds }),
  },
} as const;

/** Topic: inventory.events; saga replies keyed by saga id, stock facts by SKU. */
export const inventoryEvents = {
  StockReserved: {
    version: 1,
    data: z.object({
      ...saga,
      expiresAt: z.iso.datetime({ offset: true }),
      reservations: z.array(
        z.object({
          reservationId: z.uuid(),
          lineId: z.string(),
          /** What is reserved; differs from requestedSku when a substitute was taken. */
          sku: z.string(),
          requestedSku: z.string(),
          quantity,
          warehouseId: z.uuid(),
          substituted: z.boolean(),
        }),
      ),
    }),
  },
  StockReservationFailed: {
    version: 1,
    data: z.object({
      ...saga,
      reason: z.string(),
      shortages: z.array(z.object({ lineId: z.string(), sku: z.string(), requested: quantity, available: z.number().int().nonnegative() })),
    }),
  },
  StockReleased: { version: 1, data: z.object({ ...saga, reservationIds }) },
  StockCommitted: { version: 1, data: z.object({ ...saga, reservationIds }) },
  /** The TTL job released reservations nobody committed or released in time. */
  ReservationExpired: { version: 1, data: z.object({ ...saga, reservationIds }) },
  /** Free stock at a warehouse fell to the SKU's threshold or below (emitted on the crossing only). */
  LowStock: {
    version: 1,
    data: z.object({
      sku: z.string(),
      warehouseId: z.uuid(),
      onHand: z.number().int(),
      reserved: z.number().int(),
      threshold: z.number().int(),
    }),
  },
  BatchReceived: {
    version: 1,
    data: z.object({
      batchId: z.uuid(),
      sku: z.string(),
      warehouseId: z.uuid(),
      quantity,
      expiresOn: z.iso.date().nullable(),
      actorId: z.string().nullable(),
    }),
  },
  /** A manual correction (count, damage, theft) or an expiry write-off, with its reason. */
  StockAdjusted: {
    version: 1,
    data: z.object({
      sku: z.string(),
      warehouseId: z.uuid(),
      batchId: z.uuid(),
      delta: z.number().int(),
      kind: z.enum(['adjustment', 'expiry_write_off']),
      reason: z.string(),
      actorId: z.string().nullable(),
      onHand: z.number().int(),
    }),
  },
} as const;
