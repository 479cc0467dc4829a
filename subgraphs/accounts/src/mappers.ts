/**
 * What each GraphQL object type's resolvers receive as parent, under the type's name;
 * codegen (codegen.ts) reads these exports.
 */
export type { UserRow as User, UserRow as Vendor, AddressRow as Address } from './db/schema';
export type { AuthResult as AuthPayload } from './service/auth-service';
