import { demoAccounts } from '@basket/platform';
import { eventually, ok, uniqueEmail } from './graphql';

export interface Session {
  userId: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

const AUTH_FIELDS = 'accessToken refreshToken user { id email role }';

export async function register(name = 'Test User', prefix = 'user'): Promise<Session> {
  const email = uniqueEmail(prefix);
  const password = 'secret-pass-1';
  const data = await ok(`mutation($input: RegisterInput!) { register(input: $input) { ${AUTH_FIELDS} } }`, {
    input: { email, password, name },
  });
  const r = data.register;
  return { userId: r.user.id, email, password, accessToken: r.accessToken, refreshToken: r.refreshToken };
}

export async function login(email: string, password: string): Promise<Session> {
  const data = await ok(`mutation($input: LoginInput!) { login(input: $input) { ${AUTH_FIELDS} } }`, { input: { email, password } });
  const r = data.login;
  return { userId: r.user.id, email, password, accessToken: r.accessToken, refreshToken: r.refreshToken };
}

export const loginAdmin = () => login(demoAccounts.admin.email, demoAccounts.admin.password);

/**
 * A fresh vendor: registered, promoted by the admin, seen by the catalog (the role
 * change travels over Kafka), and signed in again so the token carries VENDOR.
 */
export async function createVendor(name: string): Promise<Session> {
  const user = await register(name, 'vendor');
  const admin = await loginAdmin();
  await ok(
    'mutation($id: ID!) { changeUserRole(userId: $id, role: VENDOR) { id role } }',
    { id: user.userId },
    { token: admin.accessToken },
  );
  await eventually(
    async () => (await ok('{ vendors { id } }')).vendors.some((v: { id: string }) => v.id === user.userId),
    30_000,
    'the catalog to learn the new vendor',
  );
  return login(user.email, user.password);
}
