import path from 'node:path';
import { runStandalone } from '@basket/platform/standalone';
import { isSubgraphName, subgraphRegistry } from './registry';

/**
 * Runs one subgraph as its own process: `tsx subgraphs/main.ts <name>`, or `npm start`
 * in a subgraph's folder (the folder names the subgraph when no argument does).
 */
const name = process.argv[2] ?? path.basename(process.cwd());
if (!isSubgraphName(name)) {
  console.error(`basket: no subgraph named "${name}"; known: ${Object.keys(subgraphRegistry).join(', ')}`);
  process.exit(1);
}
void runStandalone(subgraphRegistry[name]);
