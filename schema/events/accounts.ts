import { z } from 'zod';

export const Role = z.enum(['CUSTOMER', 'VENDOR', 'ADMIN']);
export type RoleName = z.infer<typeof Role>;

/** Topic: accounts.events, key: user id. */
export const accountsEvents = {
  UserRegistered: {
    version: 1,
    data: z.object({ userId: z.uuid(), email: z.email(), name: z.string(), role: Role }),
  },
  UserRoleChanged: {
    version: 1,
    data: z.object({ userId: z.uuid(), name: z.string(), previousRole: Role, role: Role }),
  },
  UserProfileUpdated: {
    version: 1,
    data: z.object({ userId: z.uuid(), name: z.string() }),
  },
} as const;
