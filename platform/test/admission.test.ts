import { costAdmission } from '../src/server/admission';

describe('admission by estimated cost', () => {
  it('runs a bounded number of heavy operations, queues a few, refuses the rest, and never holds cheap ones', async () => {
    const admit = costAdmission({ heavyCost: 100, concurrency: 1, queue: 1, share: 1, perClient: 5 });
    const first = await admit(500, 'a');
    let secondAdmitted = false;
    const second = admit(500, 'a').then((release) => {
      secondAdmitted = true;
      return release;
    });
    await expect(admit(500, 'a')).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 } });
    // A storefront query is not heavy: it never waits for a slot.
    const cheap = await admit(99, 'a');
    cheap();
    await new Promise((r) => setImmediate(r));
    expect(secondAdmitted).toBe(false);
    first();
    (await second)();
    expect(secondAdmitted).toBe(true);
    // Every slot is free again.
    (await admit(500, 'a'))();
  });

  it('keeps a slot closed after a heavy operation so heavy work gets at most its share of time', async () => {
    const admit = costAdmission({ heavyCost: 100, concurrency: 1, queue: 4, share: 0.5, perClient: 5 });
    const first = await admit(500, 'a');
    await new Promise((r) => setTimeout(r, 100));
    first(); // ran ~100 ms: the slot stays closed ~100 ms more
    const freed = performance.now();
    (await admit(500, 'a'))();
    expect(performance.now() - freed).toBeGreaterThanOrEqual(80);
    // Cheap operations never wait, even then.
    const cheapStarted = performance.now();
    (await admit(50, 'a'))();
    expect(performance.now() - cheapStarted).toBeLessThan(50);
  });

  it('lets no client hold more than its share of the heavy queue', async () => {
    const admit = costAdmission({ heavyCost: 100, concurrency: 1, queue: 8, share: 1, perClient: 2 });
    const running = await admit(500, 'greedy');
    const waiting = admit(500, 'greedy');
    await expect(admit(500, 'greedy')).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    // Someone else still gets in line.
    const other = admit(500, 'shopper');
    running();
    (await waiting)();
    (await other)();
    // Shares are given back: the greedy client may queue again.
    (await admit(500, 'greedy'))();
  });
});
