import { subgraphUrl } from './support/graphql';

const base = (name: string) => subgraphUrl(name).replace(/\/graphql$/, '');

describe.each(['accounts', 'catalog'])('%s operational endpoints', (name) => {
  it('/health answers while the process is up', async () => {
    expect(await (await fetch(`${base(name)}/health`)).json()).toEqual({ status: 'ok', service: name });
  });

  it('/ready checks the database, Kafka, Redis and the outbox relay', async () => {
    const res = await fetch(`${base(name)}/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { database: 'ok', kafka: 'ok', redis: 'ok', outbox: 'ok' } });
  });

  it('/metrics is Prometheus text with the platform counters', async () => {
    const res = await fetch(`${base(name)}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^# TYPE basket_graphql_requests_total counter$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });
});
