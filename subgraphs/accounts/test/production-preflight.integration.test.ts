import { closePlatform, createPlatform, loadConfig } from '@basket/platform';
import accountsManifest from '../src/subgraph';

/**
 * A database seeded with the demo accounts (the suite's own, seeded by test/global-setup)
 * must not be served in production while those accounts still have the passwords the
 * README prints.
 */
describe('accounts in production', () => {
  it('refuses to start while a demo account has its published password', async () => {
    const config = loadConfig({ ...process.env, NODE_ENV: 'production', SEED_DEMO: 'false', LOG_LEVEL: 'silent', KAFKA_BROKERS: '' });
    expect(config.production).toBe(true);
    const deps = await createPlatform(config, 'preflight-test');
    try {
      const accounts = accountsManifest.create(deps);
      await expect(accounts.start()).rejects.toThrow(
        /demo accounts still have their published passwords \(admin@basket\.local, lan@basket\.local/,
      );
      await accounts.stop();
    } finally {
      await closePlatform(deps);
    }
  });
});
