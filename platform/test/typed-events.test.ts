import { commandRegistry, eventRegistry } from '@basket/schema';
import type { NewCommand, NewEvent } from '../src/events/outbox';
import type { Publish } from '../src/subgraph';
import type { Tx } from '../src/db/database';

const productId = '5b0c5a55-2d3b-4c8e-9a53-5f4f1e0f4a11';
const userId = '0b6c3a1e-7f0a-4f5e-8d0e-6f7d2c3b4a59';
const userRegistered = { userId, email: 'lan@basket.local', name: 'Lan', role: 'CUSTOMER' as const };

// Type-level, checked by `npm run typecheck`: each write fails to compile without its
// directive (and tsc reports an unused one), so loosening NewEvent breaks the build.
export function eventsAreTypedPerType(tx: Tx, publish: Publish): void {
  // @ts-expect-error ProductCreated with UserRegistered's data
  void publish(tx, [{ type: 'ProductCreated', aggregateId: productId, data: userRegistered }]);
  // @ts-expect-error a type the registry does not declare
  void publish(tx, [{ type: 'ProductDeleted', aggregateId: productId, data: { productId } }]);
  // @ts-expect-error data missing a field of its type
  const partial: NewEvent<'VariantPriceChanged'> = { type: 'VariantPriceChanged', aggregateId: productId, data: { productId, sku: 'A' } };
  void partial;
  // Commands too: ReserveStock with ReleaseStock's data, and an event where a command is wanted.
  const release = { sagaId: 's1', orderId: 'o1', reservationIds: [], reason: 'timeout' };
  // @ts-expect-error ReserveStock with ReleaseStock's data
  const wrongCommand: NewCommand<'ReserveStock'> = { type: 'ReserveStock', aggregateId: 's1', data: release };
  // @ts-expect-error ProductCreated is a fact, not a command
  const notACommand: NewCommand = { type: 'ProductCreated', aggregateId: productId, data: userRegistered };
  const releaseStock: NewCommand = { type: 'ReleaseStock', aggregateId: 's1', data: release };
  void [wrongCommand, notACommand, releaseStock];
  // The right data for its type compiles, alone or mixed with other types in one write.
  void publish(tx, [
    { type: 'UserRegistered', aggregateId: userId, data: userRegistered },
    { type: 'VariantRemoved', aggregateId: productId, data: { productId, vendorId: userId, sku: 'A' } },
  ]);
}

describe('commands', () => {
  it('each is addressed to one domain, on its <domain>.commands topic', () => {
    const commands = Object.entries(commandRegistry);
    expect(commands.length).toBeGreaterThan(0);
    for (const [, def] of commands) expect(def.topic).toBe(`${def.domain}.commands`);
    expect(commandRegistry.ReserveStock.domain).toBe('inventory');
  });
});

describe('event data per type', () => {
  it('is also checked at runtime: the registry refuses another type’s data (writeOutbox parses with it)', () => {
    expect(eventRegistry.UserRegistered.data.safeParse(userRegistered).success).toBe(true);
    expect(eventRegistry.ProductCreated.data.safeParse(userRegistered).success).toBe(false);
  });
});
