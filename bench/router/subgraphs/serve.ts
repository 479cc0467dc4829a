import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { startMemoServer, type MemoServer } from '../memo-server';
import { benchSubgraph } from '.';

/**
 * One bench subgraph on a free port: Apollo Server over buildSubgraphSchema executes a
 * request body once, the memo server answers it after.
 */
export async function serveBenchSubgraph(name: string): Promise<MemoServer> {
  const { typeDefs, resolvers } = benchSubgraph(name);
  const apollo = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs, resolvers }]),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const memo = await startMemoServer(async (body) => {
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: 'POST',
        headers: new HeaderMap([['content-type', 'application/json']]),
        search: '',
        body: JSON.parse(body),
      },
      context: async () => ({}),
    });
    if (response.body.kind !== 'complete') throw new Error(`${name}: incremental answers are not memoized`);
    return { status: response.status ?? 200, contentType: 'application/json', body: Buffer.from(response.body.string) };
  });
  return {
    url: memo.url,
    async close() {
      await memo.close();
      await apollo.stop();
    },
  };
}
