import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { subgraphUrl } from '../../../test/support/graphql';
import { asRouter } from '../../../test/support/router-credential';
import { register } from '../../../test/support/users';

/** The router's credential in connectionParams, as the router will send it over graphql-ws. */
const routerParams = async (token?: string) => ({ routerCredential: (await asRouter('accounts', { token }))['x-basket-router']! });

/** graphql-ws is served on the same port and path as HTTP, with the router's credential in connectionParams. */
function execute(query: string, connectionParams: Record<string, string> = {}): Promise<{ data?: any; errors?: any[] }> {
  const client = createClient({
    url: subgraphUrl('accounts').replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
  return new Promise((resolve, reject) => {
    let result: { data?: any; errors?: any[] } = {};
    client.subscribe(
      { query },
      {
        next: (value) => (result = value as typeof result),
        error: (err) => {
          void client.dispose();
          reject(err);
        },
        complete: () => {
          void client.dispose();
          resolve(result);
        },
      },
    );
  });
}

describe('graphql-ws on a subgraph', () => {
  it('runs operations for the viewer named by the router’s credential in connectionParams', async () => {
    const user = await register('Socket User');
    const result = await execute('{ me { id name } }', await routerParams(user.accessToken));
    expect(result.data).toEqual({ me: { id: user.userId, name: 'Socket User' } });
    expect((await execute('{ me { id } }', await routerParams())).data).toEqual({ me: null });
  });

  it('refuses a connection without the router’s credential, or with a tampered one', async () => {
    const user = await register();
    // graphql-ws closes a connection that onConnect refused with 4403 Forbidden.
    await expect(execute('{ me { id } }', { authorization: `Bearer ${user.accessToken}` })).rejects.toMatchObject({ code: 4403 });
    const { routerCredential } = await routerParams(user.accessToken);
    await expect(execute('{ me { id } }', { routerCredential: `${routerCredential.slice(0, -4)}AAAA` })).rejects.toMatchObject({
      code: 4403,
    });
  });
});

describe('graphql-ws error handling', () => {
  it('answers bad entity keys with null, not a database error (masking: platform/test/error-masking.test.ts)', async () => {
    const result = await execute(
      '{ _entities(representations: [{ __typename: "User", id: "not-a-uuid" }]) { ... on User { name } } }',
      await routerParams(),
    );
    expect(result).toEqual({ data: { _entities: [null] } });
  });

  it('applies the query limits to socket operations too', async () => {
    const aliases = Array.from({ length: 101 }, (_, i) => `a${i}: me { id }`).join(' ');
    await expect(execute(`{ ${aliases} }`, await routerParams())).rejects.toEqual([
      expect.objectContaining({ message: expect.stringMatching(/aliases/) }),
    ]);
  });
});
