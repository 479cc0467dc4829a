import fs from 'node:fs';
import path from 'node:path';
import prettier from 'prettier';
import { registrySource, ROOT, subgraphPackages } from './subgraph-wiring';

/** Writes subgraphs/registry.ts from supergraph.yaml (part of `npm run codegen`). */
async function main() {
  const file = path.join(ROOT, 'subgraphs', 'registry.ts');
  const options = (await prettier.resolveConfig(file)) ?? {};
  const source = await prettier.format(registrySource(subgraphPackages()), { ...options, filepath: file });
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== source) fs.writeFileSync(file, source);
}

void main();
