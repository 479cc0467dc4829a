/**
 * The loads of bench/router. The deep query bounces between the bench supergraph's four
 * subgraphs (products -> reviews -> users -> reviews -> products ...), several of them side
 * by side at each level, so its plan has a dozen fetches in sequences and parallel groups.
 */
export const DEEP_QUERY = `query Deep {
  topProducts(first: 10) {
    id name description priceVnd inStock
    warehouse { id city }
    reviews {
      id body rating
      author {
        id name handle
        nearestWarehouse { city }
        favoriteProducts { id name inStock }
        reviews {
          id rating body
          product {
            id name priceVnd inStock
            warehouse { city }
            reviews { id rating author { id name handle nearestWarehouse { city } favoriteProducts { id name inStock } } }
          }
        }
      }
    }
  }
}`;

/** Basket's storefront listing: a products page with variants, categories and vendors (catalog + accounts). */
export const STOREFRONT_QUERY = `query Storefront {
  products(first: 20) {
    edges {
      node {
        id slug name minPriceVnd perishable
        category { id name parent { id name } }
        vendor { id name slug }
        variants { sku unit priceVnd }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;
