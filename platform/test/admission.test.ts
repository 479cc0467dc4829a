import { costAdmission } from '../src/server/admission';

describe('admission by estimated cost', () => {
  it('runs a bounded number of heavy operations, queues a few, refuses the rest, and never holds cheap ones', async () => {
    const admit = costAdmission({ heavyCost: 100, concurrency: 1, queue: 1, share: 1 });
    const first = await admit(500);
    let secondAdmitted = false;
    const second = admit(500).then((release) => {
      secondAdmitted = true;
      return release;
    });
    await expect(admit(500)).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 } });
    // A storefront query is not heavy: it never waits for a slot.
    const cheap = await admit(99);
    cheap();
    await new Promise((r) => setImmediate(r));
    expect(secondAdmitted).toBe(false);
    first();
    (await second)();
    expect(secondAdmitted).toBe(true);
    // Every slot is free again.
    (await admit(500))();
  });

  it('keeps a slot closed after a heavy operation so heavy work gets at most its share of time', async () => {
    const admit = costAdmission({ heavyCost: 100, concurrency: 1, queue: 4, share: 0.5 });
    const first = await admit(500);
    await new Promise((r) => setTimeout(r, 100));
    first(); // ran ~100 ms: the slot stays closed ~100 ms more
    const freed = performance.now();
    (await admit(500))();
    expect(performance.now() - freed).toBeGreaterThanOrEqual(80);
    // Cheap operations never wait, even then.
    const cheapStarted = performance.now();
    (await admit(50))();
    expect(performance.now() - cheapStarted).toBeLessThan(20);
  });
});
