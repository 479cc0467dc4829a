import { demoAccounts, exitOnSignals, loadConfigOrExit } from '@basket/platform';
import { startStack } from '@basket/router';

/**
 * `npm start`: every subgraph in supergraph.yaml and the router in one process.
 * With nothing configured it is fully embedded (PGlite under .data/, in-process
 * events, in-memory rate limits) and seeds demo data on first start.
 */
async function main() {
  const config = loadConfigOrExit();
  const stack = await startStack({ config });
  const mode = [
    config.DATABASE_URL ? 'Postgres' : `PGlite (${config.dataDir})`,
    config.KAFKA_BROKERS ? 'Kafka' : 'in-process events',
    config.REDIS_URL ? 'Redis' : 'in-memory rate limits',
  ].join(', ');
  const lines = [
    '',
    `  Basket is running: ${stack.router.url}`,
    `  Open it in a browser for Apollo Sandbox.   Mode: ${mode}`,
    '',
    ...Object.entries(stack.subgraphUrls).map(([name, url]) => `  subgraph ${name.padEnd(10)} ${url}`),
  ];
  if (config.seedDemo) {
    lines.push('', '  Demo accounts (email / password):');
    for (const a of Object.values(demoAccounts)) lines.push(`    ${a.role.padEnd(9)} ${a.email.padEnd(22)} ${a.password}   ${a.name}`);
  }
  console.log(`${lines.join('\n')}\n\n  Ctrl-C stops.\n`);

  exitOnSignals(stack.deps.logger, () => stack.stop());
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
