import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { floorRunner } from '../floor';
import type { EngineOptions, RunningEngine } from '../engine-process';

/** The floor as a server: per request, the plan's fetches (answers parsed), then the recorded answer. */
export async function startFloor(options: Extract<EngineOptions, { kind: 'floor' }>): Promise<RunningEngine> {
  const { run, close } = floorRunner();
  const answer = Buffer.from(options.answer);
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      run(options.steps).then(
        () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length }).end(answer),
        (err: unknown) => res.writeHead(502, { 'content-type': 'text/plain' }).end(String(err)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }).then(close),
  };
}
