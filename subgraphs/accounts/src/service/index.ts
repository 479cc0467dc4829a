import type { AuthService } from './auth-service';
import type { UserService } from './user-service';
import type { ShopService } from './shop-service';

export interface AccountsServices {
  auth: AuthService;
  users: UserService;
  shops: ShopService;
}
