import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { percentile, provenance, runLoad, writeResult } from '../bench/lib';

describe('bench/lib', () => {
  it('percentile is nearest-rank over ascending samples', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    expect([50, 95, 99, 100].map((p) => percentile(samples, p))).toEqual([50, 95, 99, 100]);
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([], 95)).toBe(0);
  });

  it('runLoad drives exactly the requests asked for from another process, and sorts the outcomes', async () => {
    const seen = { requests: 0 };
    const server = http.createServer((req, res) => {
      seen.requests += 1;
      req.resume();
      req.on('end', () => {
        const n = seen.requests;
        res.setHeader('content-type', 'application/json');
        if (n % 10 === 0) return void res.writeHead(500).end('{}');
        if (n % 10 === 1) return void res.end(JSON.stringify({ errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] }));
        setTimeout(() => res.end(JSON.stringify({ data: { ok: true } })), 5);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
      const result = await runLoad({ url, body: { query: '{ ok }' }, concurrency: 4, requests: 100 });
      expect(seen.requests).toBe(100);
      expect(result).toMatchObject({ requests: 100, errors: 20, outcomes: { ok: 80, 'http 500': 10, FORBIDDEN: 10 }, concurrency: 4 });
      expect(result.p50).toBeGreaterThan(0);
      expect(result.p50).toBeLessThanOrEqual(result.p95);
      expect(result.p95).toBeLessThanOrEqual(result.p99);
      expect(result.p99).toBeLessThanOrEqual(result.max);
    } finally {
      server.close();
    }
  }, 30_000);

  it('runLoad with expectBody counts any other answer as unexpected, and reports its own CPU time', async () => {
    let n = 0;
    const server = http.createServer((req, res) => {
      req.resume();
      n += 1;
      res.setHeader('content-type', 'application/json');
      res.end(n % 2 ? '{"data":{"n":1}}' : '{"data":{"n":2}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
      const result = await runLoad({ url, body: { query: '{ n }' }, concurrency: 1, requests: 20, expectBody: '{"data":{"n":1}}' });
      expect(result).toMatchObject({
        requests: 20,
        errors: 10,
        outcomes: { ok: 10, 'unexpected answer': 10 },
        examples: { 'unexpected answer': '{"data":{"n":2}}' },
      });
      expect(result.generatorCpuMs).toBeGreaterThanOrEqual(0);
    } finally {
      server.close();
    }
  }, 30_000);

  it('writeResult records the commit, the machine and the mode with the data', () => {
    const file = writeResult('bench-lib-test', 'embedded', { results: [{ p95: 1 }] });
    try {
      const written = JSON.parse(fs.readFileSync(file, 'utf8'));
      // (Not `dirty`: other work in the tree may change it between the two reads.)
      const { commit, machine } = provenance();
      expect(written).toMatchObject({
        benchmark: 'bench-lib-test',
        mode: 'embedded',
        results: [{ p95: 1 }],
        machine,
        commit: { sha: commit.sha },
      });
      expect(written.commit.sha).toMatch(/^[0-9a-f]{40}$/);
      expect(written.machine).toMatchObject({
        cpus: expect.any(Number),
        memoryGb: expect.any(Number),
        node: process.version,
        os: expect.any(String),
      });
    } finally {
      fs.rmSync(file);
    }
  });
});
