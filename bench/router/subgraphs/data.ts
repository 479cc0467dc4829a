/**
 * The bench supergraph's data: made up, deterministic and in memory, so every run and every
 * engine sees the same answers and no database takes part. Sizes are chosen so that the deep
 * query (../queries.ts) answers about 90 KB.
 */
export const PRODUCT_COUNT = 200;
export const USER_COUNT = 60;
export const WAREHOUSE_COUNT = 8;
export const REVIEWS_PER_PRODUCT = 3;

const pick = <T>(items: readonly T[], i: number): T => items[i % items.length]!;
const WORDS = ['fresh', 'crisp', 'ripe', 'organic', 'local', 'sweet', 'tender', 'smoked', 'roasted', 'wild', 'golden', 'green'];
const ITEMS = ['mango', 'basil', 'rice', 'tofu', 'pepper', 'durian', 'coffee', 'lychee', 'ginger', 'noodles', 'shrimp', 'papaya'];
const CITIES = ['Hanoi', 'Hue', 'Da Nang', 'Da Lat', 'Can Tho', 'Hai Phong', 'Nha Trang', 'Vung Tau'];

export interface Product {
  id: string;
  name: string;
  description: string;
  priceVnd: number;
}
export interface Review {
  id: string;
  productId: string;
  authorId: string;
  body: string;
  rating: number;
}
export interface User {
  id: string;
  name: string;
  handle: string;
}
export interface Warehouse {
  id: string;
  city: string;
}

export const products: Product[] = Array.from({ length: PRODUCT_COUNT }, (_, i) => ({
  id: `p${i}`,
  name: `${pick(WORDS, i)} ${pick(ITEMS, i * 7)}`,
  description: `A ${pick(WORDS, i * 3)} ${pick(ITEMS, i)} from ${pick(CITIES, i)}, packed the day it ships.`,
  priceVnd: 10_000 + ((i * 7_919) % 190_000),
}));

export const users: User[] = Array.from({ length: USER_COUNT }, (_, i) => ({ id: `u${i}`, name: `Shopper ${i}`, handle: `shopper-${i}` }));

export const warehouses: Warehouse[] = CITIES.slice(0, WAREHOUSE_COUNT).map((city, i) => ({ id: `w${i}`, city }));

/** Product i's reviews are i*3 .. i*3+2, written by users spread over the whole list. */
export const reviews: Review[] = products.flatMap((p, i) =>
  Array.from({ length: REVIEWS_PER_PRODUCT }, (_, r) => {
    const n = i * REVIEWS_PER_PRODUCT + r;
    return {
      id: `r${n}`,
      productId: p.id,
      authorId: `u${(n * 13) % USER_COUNT}`,
      body: `${pick(WORDS, n)} and ${pick(WORDS, n + 5)}, would buy the ${pick(ITEMS, n)} again`,
      rating: 1 + (n % 5),
    };
  }),
);

export const byId = <T extends { id: string }>(items: readonly T[]): Map<string, T> => new Map(items.map((x) => [x.id, x]));
const indexNumber = (id: string) => Number(id.slice(1));

/** Stock and warehouse of a product: a function of its number. */
export const stockOf = (productId: string) => {
  const i = indexNumber(productId);
  return { quantity: (i * 37) % 120, warehouseId: `w${i % WAREHOUSE_COUNT}` };
};
/** The warehouse that delivers to a user. */
export const warehouseOfUser = (userId: string) => `w${(indexNumber(userId) * 3) % WAREHOUSE_COUNT}`;
/** Two products a user likes. */
export const favoriteProductsOf = (userId: string) => {
  const i = indexNumber(userId);
  return [`p${(i * 11) % PRODUCT_COUNT}`, `p${(i * 17 + 5) % PRODUCT_COUNT}`];
};
