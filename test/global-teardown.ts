import type { Stack } from '@basket/router';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __basketStack?: Stack }).__basketStack?.stop();
}
