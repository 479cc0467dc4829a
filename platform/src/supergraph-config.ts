import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const fileSchema = z.object({
  federation_version: z.string().optional(),
  subgraphs: z.record(
    z.string().regex(/^[a-z][a-z0-9_]*$/, 'subgraph names are lower-case identifiers'),
    z.object({ routing_url: z.url(), schema: z.object({ file: z.string().min(1) }) }),
  ),
});

export interface SubgraphEntry {
  name: string;
  routingUrl: string;
  /** Absolute path of the SDL file. */
  schemaFile: string;
  /** The port of routing_url, which embedded mode listens on. */
  port: number;
}

/** Reads supergraph.yaml (rover's format): the single list of subgraphs the platform runs. */
export function readSupergraphConfig(file: string): SubgraphEntry[] {
  const absolute = path.resolve(file);
  const parsed = fileSchema.safeParse(parse(fs.readFileSync(absolute, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return Object.entries(parsed.data.subgraphs).map(([name, s]) => {
    const url = new URL(s.routing_url);
    return {
      name,
      routingUrl: s.routing_url,
      schemaFile: path.resolve(path.dirname(absolute), s.schema.file),
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    };
  });
}
