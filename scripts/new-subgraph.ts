import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pascalCase, ROOT, subgraphPackages } from './subgraph-wiring';
import { subgraphTemplate } from './subgraph-template';

/**
 * `npm run new:subgraph <name>`: a working, tested, composed subgraph. Writes the
 * folder from scripts/subgraph-template.ts, adds it to supergraph.yaml on the next free
 * port, then runs what derives from that: the first migration, the registry, codegen
 * and the composed supergraph. Its tests run with the rest (`npm test -- subgraphs/<name>`).
 */
const BIN = path.join(ROOT, 'node_modules', '.bin');

function fail(message: string): never {
  console.error(`new:subgraph: ${message}`);
  process.exit(1);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  console.log(`$ ${[command, ...args].join(' ')}`);
  execFileSync(path.join(BIN, command), args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
}

function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z][a-z0-9_]*$/.test(name)) fail('usage: npm run new:subgraph <name> (lower-case letters, digits, _; e.g. inventory)');
  const existing = subgraphPackages();
  if (existing.some((p) => p.name === name)) fail(`supergraph.yaml already lists ${name}`);
  const dir = path.join(ROOT, 'subgraphs', name);
  if (fs.existsSync(dir)) fail(`subgraphs/${name} already exists`);

  const pascal = pascalCase(name);
  const camel = pascal.charAt(0).toLowerCase() + pascal.slice(1);
  for (const [file, content] of Object.entries(subgraphTemplate({ name, pascal, camel }))) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }

  const port = Math.max(4000, ...existing.map((p) => p.port)) + 1;
  const yaml = path.join(ROOT, 'supergraph.yaml');
  const entry = `  ${name}:\n    routing_url: http://127.0.0.1:${port}/graphql\n    schema:\n      file: ./subgraphs/${name}/schema.graphql\n`;
  const current = fs.readFileSync(yaml, 'utf8');
  fs.writeFileSync(yaml, `${current.endsWith('\n') ? current : `${current}\n`}${entry}`);

  run('drizzle-kit', ['generate', '--config', 'scripts/drizzle.config.ts', '--name', 'init'], { BASKET_SUBGRAPH: name });
  run('tsx', ['scripts/registry.ts']);
  run('graphql-codegen', ['--config', 'codegen.ts', '--silent']);
  run('tsx', ['scripts/compose.ts']);
  run('prettier', ['--write', '--log-level', 'warn', `subgraphs/${name}`]);

  console.log(`
subgraphs/${name} is ready and composed (port ${port}). Next:
  npm test -- subgraphs/${name}           its unit and integration tests, through the router
  npm start -w @basket/${name.replace(/_/g, '-')}   it alone (or npm start: everything)
Replace the example ${pascal}Item with the domain (schema.graphql, src/db, src/domain, src/service,
src/policy.ts, src/resolvers), then: npm run migrations -- --name <what_changed>, npm run codegen, npm run compose.`);
}

main();
