import { parse } from 'graphql';
import { byId, stockOf, warehouseOfUser, warehouses } from './data';
import type { BenchSubgraph } from './bench-subgraph';

const warehousesById = byId(warehouses);

/** Owns warehouses; adds stock to products and a nearest warehouse to users. */
export const inventorySubgraph: BenchSubgraph = {
  name: 'inventory',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Warehouse @key(fields: "id") { id: ID! city: String! }
    type Product @key(fields: "id") { id: ID! inStock: Int! warehouse: Warehouse! }
    type User @key(fields: "id") { id: ID! nearestWarehouse: Warehouse! }
  `),
  resolvers: {
    Warehouse: { __resolveReference: (ref: { id: string }) => warehousesById.get(ref.id) },
    Product: {
      inStock: (p: { id: string }) => stockOf(p.id).quantity,
      warehouse: (p: { id: string }) => warehousesById.get(stockOf(p.id).warehouseId),
    },
    User: { nearestWarehouse: (u: { id: string }) => warehousesById.get(warehouseOfUser(u.id)) },
  },
};
