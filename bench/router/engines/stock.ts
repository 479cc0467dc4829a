import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { EngineOptions, RunningEngine } from '../engine-process';

/**
 * The stock setup exactly as Apollo documents it, nothing added:
 * https://www.apollographql.com/docs/apollo-server/using-federation/apollo-gateway-setup
 */
export async function startStock(options: Extract<EngineOptions, { kind: 'stock' }>): Promise<RunningEngine> {
  const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: options.supergraphSdl }) });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, close: () => server.stop() };
}
