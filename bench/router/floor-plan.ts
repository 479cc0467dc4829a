import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode } from '@apollo/query-planner';
import { parse } from 'graphql';
import type { FloorStep } from './floor';

/** Apollo's query plan of `query` over the supergraph: the fetches any engine makes, and their order. */
export function queryPlanOf(supergraphSdl: string, query: string): PlanNode {
  const supergraph = Supergraph.build(supergraphSdl);
  const plan = new QueryPlanner(supergraph).buildQueryPlan(operationFromDocument(supergraph.apiSchema(), parse(query)));
  if (!plan.node || plan.node.kind === 'Subscription') throw new Error('the floor models queries whose plan makes fetches');
  return plan.node;
}

/**
 * The floor's steps: the plan's shape (sequences and parallel groups) with, at each fetch,
 * the exact body an engine sent for it (`recorded`, by subgraph, in arrival order; the
 * representations in it depend on earlier answers, which the floor does not merge). A fetch
 * is matched to the first recorded body of its subgraph with the same operation text; every
 * recorded body must be used exactly once.
 */
export function floorSteps(plan: PlanNode, urls: Record<string, string>, recorded: Record<string, string[]>): FloorStep {
  const left = Object.fromEntries(
    Object.entries(recorded).map(([name, bodies]) => [
      name,
      bodies.map((body) => ({ body, query: (JSON.parse(body) as { query: string }).query })),
    ]),
  );
  const walk = (node: PlanNode): FloorStep => {
    switch (node.kind) {
      case 'Sequence':
      case 'Parallel':
        return { kind: node.kind, steps: node.nodes.map(walk) };
      case 'Flatten':
        return walk(node.node);
      case 'Fetch': {
        const bodies = left[node.serviceName] ?? [];
        const i = bodies.findIndex((b) => b.query === node.operation);
        if (i < 0) throw new Error(`the plan fetches from ${node.serviceName} an operation no engine sent:\n${node.operation}`);
        const { body } = bodies.splice(i, 1)[0]!;
        const url = urls[node.serviceName];
        if (!url) throw new Error(`the supergraph has no URL for ${node.serviceName}`);
        return { kind: 'Fetch', url, body };
      }
      default:
        throw new Error(`the floor does not model ${node.kind} plan nodes`);
    }
  };
  const steps = walk(plan);
  const unused = Object.entries(left).filter(([, bodies]) => bodies.length > 0);
  if (unused.length)
    throw new Error(`the engine sent fetches the plan does not have: ${unused.map(([n, b]) => `${b.length} to ${n}`).join(', ')}`);
  return steps;
}

/** How many fetches the floor makes per request, and to how many subgraphs. */
export function countFetches(step: FloorStep): { fetches: number; subgraphs: number } {
  const urls: string[] = [];
  const visit = (s: FloorStep): void => (s.kind === 'Fetch' ? void urls.push(s.url) : s.steps.forEach(visit));
  visit(step);
  return { fetches: urls.length, subgraphs: new Set(urls).size };
}
