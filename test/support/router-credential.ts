import { ROUTER_CREDENTIAL_HEADER, signRouterCredential, verifyAccessToken, loadSigningKeys } from '@basket/platform';

/**
 * Headers that make a direct subgraph call look like the router's: the signed credential
 * with the viewer of `token` (verified as the router would) and a client address. For
 * tests of what a subgraph does with router traffic, such as `_entities` visibility.
 */
export async function asRouter(subgraph: string, options: { token?: string; clientIp?: string } = {}): Promise<Record<string, string>> {
  const secret = process.env.ROUTER_SECRET;
  const publicKeyPem = process.env.JWT_PUBLIC_KEY;
  if (!secret || !publicKeyPem) throw new Error('ROUTER_SECRET and JWT_PUBLIC_KEY are set by test/global-setup.ts: run through jest');
  const keys = await loadSigningKeys({ publicKeyPem, dataDir: '/nonexistent' });
  const viewer = options.token ? await verifyAccessToken({ keys, issuer: process.env.JWT_ISSUER ?? 'basket' }, options.token) : null;
  const credential = await signRouterCredential(new TextEncoder().encode(secret), subgraph, {
    clientIp: options.clientIp ?? '127.0.0.1',
    correlationId: 'test-as-router',
    viewer,
  });
  return { [ROUTER_CREDENTIAL_HEADER]: credential };
}
