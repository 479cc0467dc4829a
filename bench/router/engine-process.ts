import type { RouterEngine } from '@basket/router';
import { serveInChild } from '../lib/children';
import type { FloorStep } from './floor';

export type EngineOptions =
  /** Basket's router (startRouter) as `npm start` configures it, with the given engine and configuration. */
  | { kind: 'ours'; supergraphSdl: string; engine?: RouterEngine; config?: Record<string, string> }
  /** The stock setup as Apollo documents it: ApolloServer + ApolloGateway, startStandaloneServer. */
  | { kind: 'stock'; supergraphSdl: string }
  /** The floor: the plan's fetches, answers parsed, a fixed answer sent back. */
  | { kind: 'floor'; steps: FloorStep; answer: string };

export type EngineKind = EngineOptions['kind'];

export interface RunningEngine {
  url: string;
  close(): Promise<void>;
}

/**
 * One engine alone in its process, so its CPU and RSS are its own. Each kind loads only its
 * own modules: the floor's RSS carries no gateway.
 */
serveInChild<EngineOptions, { url: string }>(async (options) => {
  let running: RunningEngine;
  if (options.kind === 'ours') running = await (await import('./engines/ours.js')).startOurs(options);
  else if (options.kind === 'stock') running = await (await import('./engines/stock.js')).startStock(options);
  else running = await (await import('./engines/floor.js')).startFloor(options);
  return { ready: { url: running.url }, stop: () => running.close() };
});
