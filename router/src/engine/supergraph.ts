import { Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import type { GraphQLSchema } from 'graphql';

/**
 * Everything derived from one supergraph SDL, built once and swapped whole on reload:
 * a request holds the generation it started with, so a reload never changes the schema,
 * the planner or the subgraph URLs under an operation in flight.
 */
export interface LoadedSupergraph {
  sdl: string;
  /** The client-facing schema (no join__ types, no @inaccessible parts), for validation and introspection. */
  apiSchema: GraphQLSchema;
  /** The same, as the planner's own model (operations are built against it). */
  plannerApiSchema: Schema;
  /** The full supergraph: entity representations and rewrites may name inaccessible types. */
  supergraphSchema: GraphQLSchema;
  planner: QueryPlanner;
  /** Each subgraph's routing URL, by name. */
  subgraphUrls: Record<string, string>;
}

export function loadSupergraph(sdl: string): LoadedSupergraph {
  const supergraph = Supergraph.build(sdl);
  const plannerApiSchema = supergraph.apiSchema();
  const subgraphUrls: Record<string, string> = {};
  for (const { name, url } of supergraph.subgraphsMetadata()) subgraphUrls[name] = url;
  return {
    sdl,
    apiSchema: plannerApiSchema.toGraphQLJSSchema(),
    plannerApiSchema,
    supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
    planner: new QueryPlanner(supergraph),
    subgraphUrls,
  };
}
