import { parse } from 'graphql';
import { byId, favoriteProductsOf, users, type User } from './data';
import type { BenchSubgraph } from './bench-subgraph';

const usersById = byId(users);

/** Owns users: reached only through entity fetches (Review.author); sends the plan back to products. */
export const usersSubgraph: BenchSubgraph = {
  name: 'users',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type User @key(fields: "id") { id: ID! name: String! handle: String! favoriteProducts: [Product!]! }
    type Product @key(fields: "id", resolvable: false) { id: ID! }
  `),
  resolvers: {
    User: {
      __resolveReference: (ref: { id: string }) => usersById.get(ref.id),
      favoriteProducts: (u: User) => favoriteProductsOf(u.id).map((id) => ({ id })),
    },
  },
};
