import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { serveInChild } from '../lib/children';
import { startMemoServer } from './memo-server';
import { benchSubgraph } from './subgraphs';

export interface BenchSubgraphOptions {
  name: string;
}

/**
 * One subgraph of the bench supergraph alone in its process: Apollo Server over
 * buildSubgraphSchema executes a request body once, the memo server answers it after.
 */
serveInChild<BenchSubgraphOptions, { url: string }>(async ({ name }) => {
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
    ready: { url: memo.url },
    async stop() {
      await memo.close();
      await apollo.stop();
    },
  };
});
