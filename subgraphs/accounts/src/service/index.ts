import type { AuthService } from './auth-service';
import type { UserService } from './user-service';

export interface AccountsServices {
  auth: AuthService;
  users: UserService;
}
