import { request } from 'undici';

/**
 * A small GraphQL-over-HTTP client for the checkout benchmark, as a storefront would call
 * the router (undici's request: cheaper on the shared cores than fetch's web streams).
 */
export interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export class GraphQLFailure extends Error {
  constructor(
    message: string,
    /** The first error's extensions.code, 'http <status>' or 'network': what the result counts it as. */
    readonly code: string,
  ) {
    super(message);
  }
}

/** Sends one operation; returns data or throws GraphQLFailure with the answer's code. */
export async function call<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  let status: number;
  let text: string;
  try {
    const res = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    status = res.statusCode;
    text = await res.body.text();
  } catch (err) {
    throw new GraphQLFailure(String(err), 'network');
  }
  let answer: GraphQLAnswer<T>;
  try {
    answer = JSON.parse(text) as GraphQLAnswer<T>;
  } catch {
    throw new GraphQLFailure(`http ${status}: ${text.slice(0, 300)}`, `http ${status}`);
  }
  const first = answer.errors?.[0];
  if (first || !answer.data) {
    const code = first?.extensions?.code ?? `http ${status}`;
    throw new GraphQLFailure(`${code}: ${first?.message ?? text.slice(0, 300)}`, code);
  }
  return answer.data;
}

export const HANOI_ADDRESS = {
  recipientName: 'Nguyễn Văn Bench',
  phone: '0912345678',
  line1: '12 Hàng Bạc',
  ward: 'Hàng Bạc',
  district: 'Hoàn Kiếm',
  city: 'Hà Nội',
  region: 'HA_NOI',
} as const;

/** The simulated provider's card that always succeeds (Stripe's test card). */
export const SUCCEEDING_CARD = '4242424242424242';

export const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { accessToken user { id } } }';
export const REGISTER = 'mutation($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }';
export const WAREHOUSES = 'query($r: Region!) { warehouses(region: $r) { id } }';
export const RECEIVE = 'mutation($i: ReceiveBatchInput!) { receiveBatch(input: $i) { id } }';
export const ADD_TO_CART = 'mutation($i: AddToCartInput!) { addToCart(input: $i) { cart { id } } }';
export const PLACE_ORDER = `mutation($i: PlaceOrderInput!) { placeOrder(input: $i) {
  __typename
  ... on OrderPlaced { order { id status } }
  ... on EmptyCart { message }
  ... on UnavailableItems { message skus }
} }`;
/** What a polling client asks for while checkout runs: only the status. */
export const ORDER_STATUS = 'query($id: ID!) { order(id: $id) { status } }';
/** Asked once the order has settled: why it ended as it did, and when each step happened. */
export const ORDER_OUTCOME = `query($id: ID!) { order(id: $id) {
  status cancelReason createdAt
  failure { __typename ... on OutOfStock { shortages { sku requested available } } ... on PaymentDeclined { declineCode } ... on CheckoutTimedOut { step } }
  history { partId to at }
} }`;

export interface PlaceOrderAnswer {
  placeOrder: { __typename: string; order?: { id: string; status: string }; message?: string; skus?: string[] };
}
export interface OrderOutcome {
  order: {
    status: string;
    cancelReason: string | null;
    createdAt: string;
    failure: { __typename: string; [k: string]: unknown } | null;
    history: { partId: string | null; to: string; at: string }[];
  };
}
