import type DataLoader from 'dataloader';
import type { RequestBase } from '@basket/platform';
import type { AddressRow, ShopRow, UserRow } from './db/schema';
import type { AccountsServices } from './service';

export interface AccountsContext extends RequestBase {
  services: AccountsServices;
  /** Users who proved their identity in this request (register, login, refresh) and may see their own fields in its response. */
  provenUserIds: Set<string>;
  /**
   * Whether this request already checked or hashed a password. Each check is tens of ms of
   * scrypt and 32 MiB: thirty aliased logins in one request would be one client taking a core.
   */
  passwordWork: { done: boolean };
  loaders: {
    user: DataLoader<string, UserRow | null>;
    addresses: DataLoader<string, AddressRow[]>;
    /** A vendor's shop by user id; null for users who never sold (or vendors from before shops). */
    shop: DataLoader<string, ShopRow | null>;
  };
}
