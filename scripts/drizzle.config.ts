import { defineConfig } from 'drizzle-kit';

/**
 * drizzle-kit's configuration for any subgraph, named by BASKET_SUBGRAPH (scripts/migrations.sh
 * runs it once per supergraph.yaml entry, from the repository root). Conventions: tables in
 * subgraphs/<name>/src/db/schema.ts, all in pgSchema('<name>'); migrations beside them.
 */
const name = process.env.BASKET_SUBGRAPH;
if (!name || !/^[a-z][a-z0-9_]*$/.test(name)) throw new Error('set BASKET_SUBGRAPH to a subgraph name (see scripts/migrations.sh)');

export default defineConfig({
  dialect: 'postgresql',
  schema: `./subgraphs/${name}/src/db/schema.ts`,
  out: `./subgraphs/${name}/src/db/migrations`,
  schemaFilter: [name],
});
