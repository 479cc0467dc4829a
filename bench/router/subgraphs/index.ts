import type { BenchSubgraph } from './bench-subgraph';
import { inventorySubgraph } from './inventory';
import { productsSubgraph } from './products';
import { reviewsSubgraph } from './reviews';
import { usersSubgraph } from './users';

export type { BenchSubgraph };

/** The four small subgraphs of the deep-query load, each served by a process of its own. */
export const benchSubgraphs: readonly BenchSubgraph[] = [productsSubgraph, reviewsSubgraph, usersSubgraph, inventorySubgraph];

export function benchSubgraph(name: string): BenchSubgraph {
  const found = benchSubgraphs.find((s) => s.name === name);
  if (!found) throw new Error(`no bench subgraph named ${name}`);
  return found;
}
