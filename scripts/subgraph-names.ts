import { subgraphPackages } from './subgraph-wiring';

/** Prints the subgraph names of supergraph.yaml, one a line, for shell scripts. */
for (const p of subgraphPackages()) console.log(p.name);
