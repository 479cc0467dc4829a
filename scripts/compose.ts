import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { readSupergraphConfig } from '@basket/platform';

/**
 * Composes the subgraphs listed in supergraph.yaml into schema/supergraph.graphql.
 * `--check` fails when the committed file differs from a fresh composition.
 */
const root = path.resolve(__dirname, '..');
const output = path.join(root, 'schema', 'supergraph.graphql');
const check = process.argv.includes('--check');

const entries = readSupergraphConfig(path.join(root, 'supergraph.yaml'));
const result = composeServices(
  entries.map((e) => ({ name: e.name, url: e.routingUrl, typeDefs: parse(fs.readFileSync(e.schemaFile, 'utf8')) })),
);
if (result.errors) {
  console.error(`Composition failed with ${result.errors.length} error(s):`);
  for (const err of result.errors) console.error(`  - ${err.message}`);
  process.exit(1);
}
for (const hint of result.hints ?? []) console.warn(`hint: ${hint.toString()}`);
const sdl = `${result.supergraphSdl.trimEnd()}\n`;
if (check) {
  const current = fs.existsSync(output) ? fs.readFileSync(output, 'utf8') : '';
  if (current !== sdl) {
    console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit it.');
    process.exit(1);
  }
  console.log('supergraph is up to date');
} else {
  fs.writeFileSync(output, sdl);
  console.log(`composed ${entries.length} subgraphs into ${path.relative(root, output)}`);
}
