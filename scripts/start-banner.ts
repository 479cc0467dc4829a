import type { Config } from '@basket/platform';

export interface BannerInput {
  config: Pick<Config, 'production' | 'seedDemo' | 'DATABASE_URL' | 'KAFKA_BROKERS' | 'REDIS_URL' | 'dataDir'>;
  routerUrl: string;
  subgraphUrls: Record<string, string>;
  demoAccounts: readonly { role: string; email: string; password: string; name: string }[];
}

/**
 * What `npm start` prints once everything listens. Production mentions neither
 * Sandbox (it is not served there) nor the demo passwords (published in the README),
 * whatever was seeded.
 */
export function startBanner({ config, routerUrl, subgraphUrls, demoAccounts }: BannerInput): string {
  const mode = [
    config.DATABASE_URL ? 'Postgres' : `PGlite (${config.dataDir})`,
    config.KAFKA_BROKERS ? 'Kafka' : 'in-process events',
    config.REDIS_URL ? 'Redis' : 'in-memory rate limits',
  ].join(', ');
  const lines = [
    '',
    `  Basket is running: ${routerUrl}${config.production ? '   (production)' : ''}`,
    config.production ? `  Mode: ${mode}` : `  Open it in a browser for Apollo Sandbox.   Mode: ${mode}`,
    '',
    ...Object.entries(subgraphUrls).map(([name, url]) => `  subgraph ${name.padEnd(10)} ${url}`),
  ];
  if (config.seedDemo && !config.production) {
    lines.push('', '  Demo accounts (email / password):');
    for (const a of demoAccounts) lines.push(`    ${a.role.padEnd(9)} ${a.email.padEnd(22)} ${a.password}   ${a.name}`);
  }
  return `${lines.join('\n')}\n\n  Ctrl-C stops.\n`;
}
