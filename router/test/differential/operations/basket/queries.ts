import { demoAccounts } from '@basket/platform';
import { bearer, type BasketOperation } from './context';

const PRODUCT_FIELDS = 'id slug name description status perishable shelfLifeDays minPriceVnd variants { sku unit priceVnd barcode }';

/** Basket's public catalog, across catalog and accounts: listings, filters, pages, entities, languages. */
export const catalogQueries: BasketOperation[] = [
  {
    name: 'category tree',
    category: 'basket-catalog',
    expects: 'data',
    query: '{ categories { id slug name parent { id } children { slug name parent { slug } children { slug } } } }',
  },
  {
    name: 'category names in both locales',
    category: 'basket-catalog',
    expects: 'data',
    query: '{ categories { vi: name(locale: VI) en: name(locale: EN) children { name(locale: EN) } } }',
  },
  {
    name: 'category by slug',
    category: 'basket-catalog',
    expects: 'data',
    query: 'query($s: String) { category(slug: $s) { id slug name parent { slug name } children { slug } } }',
    variables: (c) => ({ s: c.categorySlug }),
  },
  {
    name: 'category by id',
    category: 'basket-catalog',
    expects: 'data',
    query: 'query($id: ID) { category(id: $id) { slug name(locale: EN) } }',
    variables: (c) => ({ id: c.categoryId }),
  },
  { name: 'category unknown', category: 'basket-catalog', expects: 'data', query: '{ category(slug: "khong-co") { id } }' },
  {
    name: 'first page of products',
    category: 'basket-catalog',
    expects: 'data',
    query: `{ products(first: 5) { edges { cursor node { ${PRODUCT_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
  },
  {
    name: 'products with their vendors from accounts',
    category: 'basket-catalog',
    expects: 'data',
    query: '{ products(first: 10) { edges { node { name vendor { id name slug memberSince } } } } }',
  },
  {
    name: 'second page by cursor',
    category: 'basket-catalog',
    expects: 'data',
    query: 'query($after: String) { products(first: 2, after: $after) { edges { cursor node { slug } } pageInfo { hasNextPage } } }',
    variables: (c) => ({ after: c.cursor }),
  },
  {
    name: 'products filtered by category',
    category: 'basket-catalog',
    expects: 'data',
    query: 'query($f: ProductFilter) { products(first: 5, filter: $f) { edges { node { slug category { slug parent { slug } } } } } }',
    variables: (c) => ({ f: { categoryId: c.categoryId } }),
  },
  {
    name: 'products filtered by vendor',
    category: 'basket-catalog',
    expects: 'data',
    query: 'query($f: ProductFilter) { products(first: 5, filter: $f) { edges { node { slug vendor { name } } } } }',
    variables: (c) => ({ f: { vendorId: c.vendorId } }),
  },
  {
    name: 'products filtered by price range',
    category: 'basket-catalog',
    expects: 'data',
    query: '{ products(first: 5, filter: { minPriceVnd: 20000, maxPriceVnd: 60000 }) { edges { node { slug minPriceVnd } } } }',
  },
  {
    name: 'products searched by name',
    category: 'basket-catalog',
    expects: 'data',
    query: 'query($q: String) { products(first: 5, filter: { search: $q }) { edges { node { name(locale: VI) } } } }',
    variables: { q: 'rau' },
  },
  {
    name: 'products with no match',
    category: 'basket-catalog',
    expects: 'data',
    query: '{ products(filter: { search: "zzzz-khong-co", minPriceVnd: 1 }) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
  },
  {
    name: 'product by id with category chain',
    category: 'basket-catalog',
    expects: 'data',
    query: `query($id: ID) { product(id: $id) { ${PRODUCT_FIELDS} category { name parent { name } } vendor { name slug } } }`,
    variables: (c) => ({ id: c.productId }),
  },
  {
    name: 'product by slug',
    category: 'basket-catalog',
    expects: 'data',
    query: 'query($s: String) { product(slug: $s) { id name(locale: EN) description(locale: EN) } }',
    variables: (c) => ({ s: c.productSlug }),
  },
  {
    name: 'product unknown',
    category: 'basket-catalog',
    expects: 'data',
    query: '{ product(slug: "khong-co-san-pham") { id vendor { name } } }',
  },
  {
    name: 'product by id and slug at once',
    category: 'basket-catalog',
    expects: 'partial',
    query: 'query($id: ID, $s: String) { product(id: $id, slug: $s) { id } }',
    variables: (c) => ({ id: c.productId, s: c.productSlug }),
  },
  {
    name: 'variant by sku with product and vendor',
    category: 'basket-catalog',
    expects: 'data',
    query: 'query($sku: String!) { variant(sku: $sku) { sku unit priceVnd product { slug vendor { name slug } } } }',
    variables: (c) => ({ sku: c.sku }),
  },
  { name: 'variant unknown', category: 'basket-catalog', expects: 'data', query: '{ variant(sku: "NO-SUCH-SKU") { sku } }' },
  {
    // Not `vendors`: the test catalog's vendor list grows while the suite runs (it reads every run's accounts.events
    // from the shared Kafka topics), so two requests a moment apart may differ. One vendor by id is stable.
    name: 'the other demo vendor with product pages',
    category: 'basket-catalog',
    expects: 'data',
    query:
      'query($id: ID) { vendor(id: $id) { id slug products(first: 2) { edges { node { slug minPriceVnd vendor { name } } } pageInfo { hasNextPage } } } }',
    variables: { id: demoAccounts.vendorB.id },
  },

  {
    name: 'vendor by id across both subgraphs',
    category: 'basket-catalog',
    expects: 'data',
    query: 'query($id: ID) { vendor(id: $id) { name slug memberSince products(first: 3) { edges { node { name variants { sku } } } } } }',
    variables: (c) => ({ id: c.vendorId }),
  },
  {
    name: 'vendor by slug',
    category: 'basket-catalog',
    expects: 'data',
    query: 'query($s: String) { vendor(slug: $s) { id name } }',
    variables: (c) => ({ s: c.vendorSlug }),
  },
  {
    name: 'vendor unknown',
    category: 'basket-catalog',
    expects: 'data',
    query: '{ vendor(slug: "khong-co-shop") { id products { edges { cursor } } } }',
  },
  { name: 'vendor with neither id nor slug', category: 'basket-catalog', expects: 'partial', query: '{ vendor { id } }' },
  {
    name: 'names follow Accept-Language en',
    category: 'basket-catalog',
    expects: 'data',
    headers: { 'accept-language': 'en-US,en;q=0.9' },
    query: '{ categories { name } products(first: 3) { edges { node { name description variants { unit } } } } }',
  },
  {
    name: 'names follow Accept-Language vi',
    category: 'basket-catalog',
    expects: 'data',
    headers: { 'accept-language': 'vi' },
    query: '{ products(first: 3) { edges { node { name variants { unit } } } } }',
  },
  {
    name: 'typename on every level',
    category: 'basket-catalog',
    expects: 'data',
    query:
      '{ __typename products(first: 2) { __typename edges { __typename node { __typename vendor { __typename name } variants { __typename } } } pageInfo { __typename } } }',
  },
  {
    name: 'aliases over the same listing with different filters',
    category: 'basket-catalog',
    expects: 'data',
    query:
      '{ cheap: products(first: 3, filter: { maxPriceVnd: 30000 }) { edges { node { slug } } } dear: products(first: 3, filter: { minPriceVnd: 30000 }) { edges { node { slug } } } }',
  },
  {
    name: 'named fragments across subgraphs',
    category: 'basket-catalog',
    expects: 'data',
    query:
      'query { products(first: 3) { edges { node { ...P } } } } fragment P on Product { slug vendor { ...V } } fragment V on Vendor { name products(first: 1) { edges { node { slug } } } }',
  },
  {
    name: 'include and skip with variables across subgraphs',
    category: 'basket-catalog',
    expects: 'data',
    query:
      'query($v: Boolean!, $c: Boolean!) { products(first: 3) { edges { node { slug vendor @include(if: $v) { name } category @skip(if: $c) { slug } } } } }',
    variables: { v: true, c: true },
  },
  {
    name: 'introspection of the Basket supergraph',
    category: 'basket-catalog',
    expects: 'data',
    query: '{ __schema { types { name kind fields { name } } } }',
  },
  { name: 'invalid cursor', category: 'basket-catalog', expects: 'errors', query: '{ products(after: "garbage") { edges { cursor } } }' },
  { name: 'negative page size', category: 'basket-catalog', expects: 'errors', query: '{ products(first: -1) { edges { cursor } } }' },
  {
    name: 'thirty aliased searches exceed the cost budget',
    category: 'basket-catalog',
    expects: 'errors',
    query: `{ ${Array.from({ length: 30 }, (_, i) => `s${i}: products(first: 1, filter: { search: "rau" }) { edges { cursor } }`).join(' ')} }`,
  },
];

/** Basket's signed-in reads: the edge verifies the token, the subgraphs enforce who sees what. */
export const accountQueries: BasketOperation[] = [
  { name: 'me without a token', category: 'basket-accounts', expects: 'data', query: '{ me { id } }' },
  {
    name: 'me as a customer',
    category: 'basket-accounts',
    expects: 'data',
    headers: (c) => bearer(c.tokens.customer),
    query: '{ me { id email name role phone addresses { label city isDefault } createdAt } }',
  },
  {
    name: 'admin lists vendors',
    category: 'basket-accounts',
    expects: 'data',
    headers: (c) => bearer(c.tokens.admin),
    query: '{ users(first: 3, role: VENDOR) { edges { node { email role } } pageInfo { hasNextPage } } }',
  },
  {
    name: 'customer may not list users',
    category: 'basket-accounts',
    expects: 'errors',
    headers: (c) => bearer(c.tokens.customer),
    query: '{ users { edges { node { id } } } }',
  },
  {
    name: 'customer reads themself by id',
    category: 'basket-accounts',
    expects: 'data',
    headers: (c) => bearer(c.tokens.customer),
    query: 'query($id: ID!) { user(id: $id) { email role } }',
    variables: (c) => ({ id: c.customerId }),
  },
  {
    name: 'customer reads someone else by id',
    category: 'basket-accounts',
    expects: 'partial',
    headers: (c) => bearer(c.tokens.customer),
    query: 'query($id: ID!) { user(id: $id) { email } }',
    variables: (c) => ({ id: c.vendorId }),
  },
  {
    name: 'invalid token',
    category: 'basket-accounts',
    expects: 'errors',
    headers: { authorization: 'Bearer not-a-token' },
    query: '{ me { id } }',
  },
  {
    name: 'vendor back office',
    category: 'basket-accounts',
    expects: 'data',
    headers: (c) => bearer(c.tokens.vendor),
    query: '{ myProducts(status: ACTIVE, first: 3) { edges { node { slug status vendor { name } } } pageInfo { hasNextPage } } }',
  },
  {
    name: 'back office of someone who never sold',
    category: 'basket-accounts',
    expects: 'data',
    headers: (c) => bearer(c.tokens.customer),
    query: '{ myProducts { edges { node { id } } } }',
  },
  {
    name: 'back office without a token',
    category: 'basket-accounts',
    expects: 'errors',
    query: '{ myProducts { edges { node { id } } } }',
  },
  {
    name: 'signed-in read beside public catalog',
    category: 'basket-accounts',
    expects: 'data',
    headers: (c) => bearer(c.tokens.vendor),
    query: '{ me { role } products(first: 1) { edges { node { vendor { slug } } } } category(slug: "khong-co") { id } }',
  },
  {
    name: 'admin reads a customer with addresses',
    category: 'basket-accounts',
    expects: 'data',
    headers: (c) => bearer(c.tokens.admin),
    query: 'query($id: ID!) { user(id: $id) { email name role phone addresses { label city isDefault } } }',
    variables: (c) => ({ id: c.customerId }),
  },
  {
    name: 'ids that are not UUIDs',
    category: 'basket-accounts',
    expects: 'partial',
    headers: (c) => bearer(c.tokens.admin),
    query: '{ user(id: "not-a-uuid") { id } product(id: "not-a-uuid") { id } category(id: "nope") { id } vendor(id: "nope") { id } }',
  },
  {
    name: 'page size left to its default',
    category: 'basket-accounts',
    expects: 'data',
    query: 'query($n: Int) { products(first: $n) { edges { node { slug } } pageInfo { hasNextPage } } }',
  },
  {
    name: 'aliases __proto__ and constructor over the real catalog',
    category: 'basket-catalog',
    expects: 'data',
    query: 'query($s: String) { __proto__: product(slug: $s) { __proto__: category { slug } constructor: name } }',
    variables: (c) => ({ s: c.productSlug }),
  },
];
