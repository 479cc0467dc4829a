import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { subgraphUrl } from '../../../test/support/graphql';
import { register } from '../../../test/support/users';

/** graphql-ws is served on the same port and path as HTTP, with the token in connectionParams. */
function execute(query: string, authorization?: string): Promise<{ data?: any; errors?: any[] }> {
  const client = createClient({
    url: subgraphUrl('accounts').replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { authorization } : {},
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
  it('runs operations for the user named by the token in connectionParams', async () => {
    const user = await register('Socket User');
    const result = await execute('{ me { id name } }', `Bearer ${user.accessToken}`);
    expect(result.data).toEqual({ me: { id: user.userId, name: 'Socket User' } });
    expect((await execute('{ me { id } }')).data).toEqual({ me: null });
  });

  it('refuses a connection with a tampered token', async () => {
    const user = await register();
    // graphql-ws closes a connection that onConnect refused with 4403 Forbidden.
    await expect(execute('{ me { id } }', `Bearer ${user.accessToken.slice(0, -4)}AAAA`)).rejects.toMatchObject({ code: 4403 });
  });
});

describe('graphql-ws error handling', () => {
  it('masks unexpected errors like HTTP does and answers bad entity keys with null', async () => {
    const result = await execute('{ _entities(representations: [{ __typename: "User", id: "not-a-uuid" }]) { ... on User { name } } }');
    expect(result).toEqual({ data: { _entities: [null] } });
  });

  it('applies the query limits to socket operations too', async () => {
    const aliases = Array.from({ length: 101 }, (_, i) => `a${i}: me { id }`).join(' ');
    await expect(execute(`{ ${aliases} }`)).rejects.toEqual([expect.objectContaining({ message: expect.stringMatching(/aliases/) })]);
  });
});
