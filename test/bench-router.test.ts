import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { request } from 'undici';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startChild } from '../bench/lib/children';
import type { BenchSubgraphOptions } from '../bench/router/bench-subgraph-process';
import { hottestFunctions } from '../bench/router/cpu-profile';
import { firstDifference } from '../bench/router/compare';
import { floorRunner } from '../bench/router/floor';
import { countFetches, floorSteps, queryPlanOf } from '../bench/router/floor-plan';
import { startMemoServer, type MemoServer } from '../bench/router/memo-server';
import { DEEP_QUERY } from '../bench/router/queries';
import { post, recordFetches } from '../bench/router/recording';
import { benchSubgraphs } from '../bench/router/subgraphs';
import { composeBenchSupergraph } from '../bench/router/subgraphs/compose';
import { serveBenchSubgraph } from '../bench/router/subgraphs/serve';

/** The building blocks of bench/router (npm run bench:router), without running the bench. */
describe('bench/router', () => {
  it('a memo server executes a body once, answers it from the cache after, keeps no failure, and records what it is sent', async () => {
    const executed: string[] = [];
    const memo = await startMemoServer(async (body) => {
      executed.push(body);
      const status = body.includes('fail') ? 500 : 200;
      return { status, contentType: 'application/json', body: Buffer.from(JSON.stringify({ data: { execution: executed.length } })) };
    });
    const send = async (body: string) => {
      const answer = await request(memo.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: answer.statusCode, text: await answer.body.text() };
    };
    const record = async (method: 'POST' | 'GET') => (await request(new URL('/__bench/record', memo.url), { method })).body.json();
    try {
      const first = await Promise.all([send('{"query":"{a}"}'), send('{"query":"{a}"}'), send('{"query":"{a}"}')]);
      expect(first.map((a) => a.text)).toEqual(Array(3).fill('{"data":{"execution":1}}'));
      expect(await send('{"query":"{b}"}')).toEqual({ status: 200, text: '{"data":{"execution":2}}' });
      expect((await send('{"query":"{fail}"}')).status).toBe(500);
      expect((await send('{"query":"{fail}"}')).status).toBe(500);
      expect(executed).toEqual(['{"query":"{a}"}', '{"query":"{b}"}', '{"query":"{fail}"}', '{"query":"{fail}"}']);

      await record('POST');
      await send('{"query":"{b}"}');
      await send('{"query":"{c}"}');
      expect(await record('GET')).toEqual(['{"query":"{b}"}', '{"query":"{c}"}']);
      await send('{"query":"{a}"}');
      expect(await record('GET')).toEqual([]); // recording stopped at the first GET
    } finally {
      await memo.close();
    }
  });

  it('the deep load makes at least 10 fetches to the 4 bench subgraphs for about 90 KB, and the floor replays exactly those fetches', async () => {
    const servers: MemoServer[] = [];
    let stock: ApolloServer | undefined;
    const floor = floorRunner();
    try {
      for (const s of benchSubgraphs) servers.push(await serveBenchSubgraph(s.name));
      const urls = Object.fromEntries(benchSubgraphs.map((s, i) => [s.name, servers[i]!.url]));
      const supergraphSdl = composeBenchSupergraph(urls);
      stock = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
      const { url } = await startStandaloneServer(stock, { listen: { port: 0, host: '127.0.0.1' } });

      let answer = '';
      const sent = await recordFetches(urls, async () => (answer = await post(url, DEEP_QUERY)));
      expect(JSON.parse(answer)).not.toHaveProperty('errors');
      expect(Buffer.byteLength(answer)).toBeGreaterThan(80_000);
      expect(Buffer.byteLength(answer)).toBeLessThan(100_000);

      const steps = floorSteps(queryPlanOf(supergraphSdl, DEEP_QUERY), urls, sent);
      const { fetches, subgraphs } = countFetches(steps);
      expect(fetches).toBeGreaterThanOrEqual(10);
      expect(subgraphs).toBe(4);
      expect(fetches).toBe(Object.values(sent).flat().length);

      const replayed = await recordFetches(urls, () => floor.run(steps));
      for (const name of Object.keys(urls)) expect([...replayed[name]!].sort()).toEqual([...sent[name]!].sort());
      // A fetch the plan does not have is refused rather than silently left out of the floor.
      expect(() => floorSteps(queryPlanOf(supergraphSdl, DEEP_QUERY), urls, { ...sent, users: [...sent.users!, sent.users![0]!] })).toThrow(
        /fetches the plan does not have: 1 to users/,
      );
    } finally {
      await floor.close();
      await stock?.stop();
      for (const s of servers) await s.close();
    }
  }, 60_000);

  it('a child server starts with its options, reports its usage, writes a CPU profile of what it ran, and stops', async () => {
    const file = path.join(__dirname, '..', 'bench', 'router', 'bench-subgraph-process.ts');
    const child = await startChild<BenchSubgraphOptions, { url: string }>(file, { name: 'users' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-router-test-'));
    let exited = false;
    try {
      process.kill(child.pid, 0); // alive
      const before = await child.usage();
      expect(before.rssMb).toBeGreaterThan(10);
      await child.startProfile();
      const answer = await post(child.ready.url, '{ _service { sdl } }');
      expect(answer).toContain('favoriteProducts');
      await child.stopProfile(path.join(dir, 'users.cpuprofile'));
      expect((await child.usage()).cpuMs).toBeGreaterThan(before.cpuMs);
      expect(hottestFunctions(path.join(dir, 'users.cpuprofile')).busyMs).toBeGreaterThan(0);
      await child.stop();
      exited = true;
      expect(() => process.kill(child.pid, 0)).toThrow();
    } finally {
      if (!exited) await child.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('firstDifference names the first path where two answers differ, and ignores key order', () => {
    expect(firstDifference({ data: { a: 1, b: [1, 2] } }, { data: { b: [1, 2], a: 1 } })).toBeUndefined();
    expect(firstDifference({ data: { a: 1, b: [1, { c: 'x' }] } }, { data: { a: 1, b: [1, { c: 'y' }] } })).toBe('data.b.1.c: "x" vs "y"');
    expect(firstDifference({ data: { a: null } }, { data: {} })).toBe('data.a: null vs undefined');
  });
});
