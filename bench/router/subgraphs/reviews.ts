import { parse } from 'graphql';
import { byId, reviews, type Review } from './data';
import type { BenchSubgraph } from './bench-subgraph';

const reviewsById = byId(reviews);
const group = (key: (r: Review) => string) => {
  const groups = new Map<string, Review[]>();
  for (const r of reviews) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return groups;
};
const ofProduct = group((r) => r.productId);
const ofAuthor = group((r) => r.authorId);

/** Owns reviews; adds Product.reviews and User.reviews, and points back at both entities. */
export const reviewsSubgraph: BenchSubgraph = {
  name: 'reviews',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Review @key(fields: "id") { id: ID! body: String! rating: Int! author: User! product: Product! }
    type Product @key(fields: "id") { id: ID! reviews: [Review!]! }
    type User @key(fields: "id") { id: ID! reviews(first: Int! = 3): [Review!]! }
  `),
  resolvers: {
    Review: {
      __resolveReference: (ref: { id: string }) => reviewsById.get(ref.id),
      author: (r: Review) => ({ id: r.authorId }),
      product: (r: Review) => ({ id: r.productId }),
    },
    Product: { reviews: (p: { id: string }) => ofProduct.get(p.id) ?? [] },
    User: { reviews: (u: { id: string }, args: { first: number }) => (ofAuthor.get(u.id) ?? []).slice(0, args.first) },
  },
};
