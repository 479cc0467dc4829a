import { ApolloServer } from '@apollo/server';
import { buildSchema, getIntrospectionQuery } from 'graphql';
import { introspectionCachePlugin } from '../src/server/introspection-cache';

describe('introspection cache', () => {
  it('executes an introspection-only document once, and anything else every time', async () => {
    let executions = 0;
    const server = new ApolloServer({
      schema: buildSchema('type Query { hello: String }'),
      plugins: [introspectionCachePlugin(2), { requestDidStart: async () => ({ executionDidStart: async () => void (executions += 1) }) }],
    });
    await server.start();
    try {
      const run = async (query: string) => {
        const res = await server.executeOperation({ query });
        if (res.body.kind !== 'single') throw new Error('expected a single result');
        return res.body.singleResult;
      };
      const first = await run(getIntrospectionQuery());
      const second = await run(getIntrospectionQuery());
      expect(second).toEqual(first);
      expect(executions).toBe(1);
      await run('{ hello }');
      await run('{ hello }');
      expect(executions).toBe(3);
      // Bounded: a third distinct document pushes the oldest out.
      await run('{ __schema { queryType { name } } }');
      await run('{ __type(name: "Query") { name } }');
      await run(getIntrospectionQuery());
      expect(executions).toBe(6);
    } finally {
      await server.stop();
    }
  });
});
