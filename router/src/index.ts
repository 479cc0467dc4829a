export * from './router';
export * from './stack';
export * from './forwarding-data-source';
export type { RouterContext } from './context';
