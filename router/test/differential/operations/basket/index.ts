import type { BasketOperation } from './context';
import { basketMutations } from './mutations';
import { accountQueries, catalogQueries } from './queries';

/** Every operation over Basket's own supergraph. */
export const BASKET_CORPUS: BasketOperation[] = [...catalogQueries, ...accountQueries, ...basketMutations];
