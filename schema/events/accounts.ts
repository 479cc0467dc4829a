import { z } from 'zod';
import { Slug } from './slug';

export const Role = z.enum(['CUSTOMER', 'VENDOR', 'ADMIN']);
export type RoleName = z.infer<typeof Role>;

/**
 * The user's shop name, on facts about users who have a shop (vendors, and former
 * vendors, who keep theirs). Other domains name vendors by it, not by the person's
 * display name. Absent on facts about users without a shop and on facts written
 * before shops existed.
 */
const shopName = z.string().min(1).optional();

/** Topic: accounts.events, key: user id. */
export const accountsEvents = {
  UserRegistered: {
    version: 1,
    data: z.object({ userId: z.uuid(), email: z.email(), name: z.string(), role: Role, shopName }),
  },
  UserRoleChanged: {
    version: 1,
    data: z.object({ userId: z.uuid(), name: z.string(), previousRole: Role, role: Role, shopName }),
  },
  UserProfileUpdated: {
    version: 1,
    data: z.object({ userId: z.uuid(), name: z.string() }),
  },
  /** A vendor set or renamed their shop; they were a VENDOR when it happened. */
  VendorShopChanged: {
    version: 1,
    data: z.object({ userId: z.uuid(), shopName: z.string().min(1), slug: Slug, previousShopName: z.string().nullable() }),
  },
} as const;
