import { parse } from 'graphql';
import { byId, products } from './data';
import type { BenchSubgraph } from './bench-subgraph';

const productsById = byId(products);

/** Owns products: the entry point of the deep query and the target of Review.product. */
export const productsSubgraph: BenchSubgraph = {
  name: 'products',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query { topProducts(first: Int! = 10): [Product!]! }
    type Product @key(fields: "id") { id: ID! name: String! description: String! priceVnd: Int! }
  `),
  resolvers: {
    Query: { topProducts: (_: unknown, args: { first: number }) => products.slice(0, args.first) },
    Product: { __resolveReference: (ref: { id: string }) => productsById.get(ref.id) },
  },
};
