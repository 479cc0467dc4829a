import { composeServices } from '@apollo/composition';
import { benchSubgraphs } from '.';

/** The bench supergraph over the subgraphs listening at `urls` (by name). */
export function composeBenchSupergraph(urls: Record<string, string>): string {
  const result = composeServices(benchSubgraphs.map((s) => ({ name: s.name, typeDefs: s.typeDefs, url: urls[s.name] })));
  if (result.errors) throw new Error(`bench supergraph does not compose:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.supergraphSdl;
}
