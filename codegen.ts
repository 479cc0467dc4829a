import path from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { mapperNames, ROOT, subgraphPackages } from './scripts/subgraph-wiring';

/**
 * Typed resolvers per subgraph, generated from each subgraph's own SDL into
 * src/generated/resolvers-types.ts (never edited; `npm run check:fresh` fails when stale).
 * One target per supergraph.yaml entry: the context type is the one its manifest infers
 * (src/subgraph.ts), the parent types are what src/mappers.ts exports under GraphQL names.
 */
const common = {
  federation: true,
  useIndexSignature: true,
  enumsAsTypes: true,
  useTypeImports: true,
  avoidOptionals: false,
  // Mapped types are imported as `<Type>Model`, apart from the generated GraphQL types.
  mapperTypeSuffix: 'Model',
  scalars: { DateTime: 'Date | string', ID: 'string' },
};

const config: CodegenConfig = {
  overwrite: true,
  hooks: { afterOneFileWrite: ['node scripts/banner.js'] },
  generates: Object.fromEntries(
    subgraphPackages().map((p) => [
      `${p.dir}/src/generated/resolvers-types.ts`,
      {
        schema: `${p.dir}/schema.graphql`,
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          ...common,
          contextType: `../subgraph#${p.contextType}`,
          mappers: Object.fromEntries(mapperNames(path.join(ROOT, p.dir, 'src', 'mappers.ts')).map((type) => [type, `../mappers#${type}`])),
        },
      },
    ]),
  ),
};

export default config;
