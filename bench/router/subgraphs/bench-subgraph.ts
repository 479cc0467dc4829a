import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { DocumentNode } from 'graphql';

/** One subgraph of the bench supergraph: what buildSubgraphSchema takes, and its name. */
export interface BenchSubgraph {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<unknown>;
}
