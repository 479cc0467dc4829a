import type { IncomingMessage } from 'node:http';
import { appError } from '../errors';

const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a request body with a size cap; GraphQL documents above 1 MiB are refused. */
export async function readBody(req: IncomingMessage): Promise<string> {
  return (await readRawBody(req)).toString('utf8');
}

/** The body's exact bytes, with the same cap: signatures (webhooks) are over these, not a re-encoding. */
export async function readRawBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw appError('BAD_USER_INPUT', 'Request body too large', { http: { status: 413 } });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function parseJsonBody(raw: string, contentType: string | undefined): unknown {
  if (!raw) return undefined;
  if (!contentType?.includes('application/json')) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw appError('BAD_USER_INPUT', 'Request body is not valid JSON', { http: { status: 400 } });
  }
}
