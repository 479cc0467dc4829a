import { ConfigError, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('runs embedded with defaults when nothing is set', () => {
    const config = loadConfig({}, '/srv/basket');
    expect(config).toMatchObject({
      embedded: true,
      seedDemo: true,
      ROUTER_PORT: 4000,
      dataDir: '/srv/basket/.data',
      ACCESS_TOKEN_TTL_SECONDS: 900,
    });
    expect(config.KAFKA_BROKERS).toBeUndefined();
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', KAFKA_BROKERS: 'localhost', ROUTER_PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.split(':')[0]).sort();
    expect(problems).toEqual(['DATABASE_URL', 'JWT_PUBLIC_KEY', 'KAFKA_BROKERS.0', 'LOG_LEVEL', 'ROUTER_PORT', 'ROUTER_SECRET']);
  });

  it('requires the public key outside embedded mode, reported with the other problems', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/db' })).toThrow(/JWT_PUBLIC_KEY: required/);
    try {
      loadConfig({ DATABASE_URL: 'postgres://localhost/db', ROUTER_PORT: 'eighty' });
    } catch (err) {
      expect((err as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['JWT_PUBLIC_KEY', 'ROUTER_PORT', 'ROUTER_SECRET']);
    }
    expect.assertions(2);
  });

  it('parses broker lists and PEM keys with escaped newlines', () => {
    const pem = '-----BEGIN PUBLIC KEY-----\\nabc\\n-----END PUBLIC KEY-----';
    const config = loadConfig({
      DATABASE_URL: 'postgresql://db/x',
      KAFKA_BROKERS: 'a:9092, b:9093',
      JWT_PUBLIC_KEY: pem,
      ROUTER_SECRET: 'x'.repeat(32),
      SEED_DEMO: 'false',
    });
    expect(config.KAFKA_BROKERS).toEqual(['a:9092', 'b:9093']);
    expect(config.JWT_PUBLIC_KEY).toContain('\nabc\n');
    expect(config).toMatchObject({ embedded: false, seedDemo: false });
  });

  it('is safe by default in production: every missing secret listed, no demo seed, no open CORS', () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true', CORS_ORIGINS: '*' });
    } catch (err) {
      error = err;
    }
    expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'CORS_ORIGINS',
      'JWT_PRIVATE_KEY',
      'JWT_PUBLIC_KEY',
      'ROUTER_SECRET',
      'SEED_DEMO',
    ]);
    // The router alone signs no tokens; embedded production still seeds nothing.
    const pem = '-----BEGIN PUBLIC KEY-----\\nabc\\n-----END PUBLIC KEY-----';
    const router = loadConfig({ NODE_ENV: 'production', JWT_PUBLIC_KEY: pem, ROUTER_SECRET: 's'.repeat(32) }, '/srv/basket', {
      issuesTokens: false,
    });
    expect(router).toMatchObject({ embedded: true, seedDemo: false, production: true, requireRouter: true });
    expect(loadConfig({}, '/srv/basket')).toMatchObject({ requireRouter: false });
    expect(loadConfig({ NODE_ENV: 'test' }, '/srv/basket')).toMatchObject({ requireRouter: true });
    // Services without NODE_ENV: still no back door.
    expect(
      loadConfig({ DATABASE_URL: 'postgres://db/x', JWT_PUBLIC_KEY: pem, ROUTER_SECRET: 's'.repeat(32) }, '/srv/basket'),
    ).toMatchObject({ requireRouter: true });
  });
});
