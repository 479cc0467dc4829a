import { GraphQLError } from 'graphql';
import type { ExecutionResult } from '../src/engine/basket-engine';
import { ClientStream } from '../src/subscriptions/client-stream';
import { SubscriptionEnded, subscriptionErrors } from '../src/subscriptions/errors';

/** The per-client queue: results in event order, a bound a slow client cannot exceed, and endings that end at once. */
const result = (n: number): Promise<ExecutionResult> => Promise.resolve({ data: { n } });
const stream = (bound: number, onClose = () => undefined) => new ClientStream(bound, onClose, subscriptionErrors.tooSlow);

describe('ClientStream', () => {
  it('gives results in event order, even when a later one resolves first', async () => {
    const s = stream(10);
    let release!: (r: ExecutionResult) => void;
    s.push(new Promise((r) => (release = r)));
    s.push(result(2));
    const first = s.next();
    release({ data: { n: 1 } });
    expect((await first).value).toEqual({ data: { n: 1 } });
    expect((await s.next()).value).toEqual({ data: { n: 2 } });
  });

  it('ends a client that lets more than `bound` events wait with SUBSCRIPTION_CLIENT_TOO_SLOW, holding nothing more', async () => {
    const closed = jest.fn();
    const s = stream(3, closed);
    for (let n = 0; n < 3; n++) expect(s.push(result(n))).toBe(true);
    expect(s.pending).toBe(3);
    expect(s.push(result(3))).toBe(false);
    expect(s.pending).toBe(0);
    expect(s.push(result(4))).toBe(false);
    const ending = await s.next().catch((err: unknown) => err);
    expect(ending).toBeInstanceOf(SubscriptionEnded);
    expect((ending as SubscriptionEnded).errors.map((e) => e.extensions.code)).toEqual(['SUBSCRIPTION_CLIENT_TOO_SLOW']);
    expect(closed).toHaveBeenCalledTimes(1);
    expect(await s.next()).toEqual({ value: undefined, done: true });
  });

  it('delivers what is queued before an ending error', async () => {
    const s = stream(10);
    s.push(result(1));
    s.end([new GraphQLError('gone', { extensions: { code: 'SUBSCRIPTION_SCHEMA_RELOAD' } })]);
    expect((await s.next()).value).toEqual({ data: { n: 1 } });
    await expect(s.next()).rejects.toBeInstanceOf(SubscriptionEnded);
  });

  it('returns at once while a next() waits, and leaves its upstream', async () => {
    const closed = jest.fn();
    const s = stream(10, closed);
    const waiting = s.next();
    await s.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(closed).toHaveBeenCalledTimes(1);
    expect(s.push(result(1))).toBe(false);
  });
});
