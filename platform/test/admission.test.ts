import { costAdmission } from '../src/server/admission';

describe('admission by estimated cost', () => {
  it('runs a bounded number of heavy operations, queues a few, refuses the rest, and never holds cheap ones', async () => {
    const admit = costAdmission({ heavyCost: 100, concurrency: 1, queue: 1 });
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
});
