import { forbidden, unauthenticated } from '../errors';
import type { Viewer } from './tokens';

/**
 * What every service method takes besides its one argument object: who asks and how
 * to trace the request. A resolver passes its context (it is one).
 */
export interface RequestScope {
  viewer: Viewer | null;
  correlationId: string;
  clientIp: string;
}

/** A rule's answer: true allows; false denies; a string denies and says why (the FORBIDDEN message). */
export type Verdict = boolean | string;

/**
 * One named action's rule: the viewer (always signed in: an anonymous caller is
 * UNAUTHENTICATED before any rule runs) and, for actions on a thing, that thing.
 */
export type Rule<S = never> = (viewer: Viewer, subject: S) => Verdict | Promise<Verdict>;

/** The subject argument an action takes: none for `(viewer) => ...`, one for `(viewer, order) => ...`. */
export type SubjectOf<R> = R extends (viewer: Viewer, ...subject: infer A) => unknown ? A : never;

export interface Policy<Rules extends Record<string, Rule>> {
  /** Whether the viewer may perform the action (on the subject); never throws for a denial. */
  can<A extends keyof Rules & string>(viewer: Viewer | null, action: A, ...subject: SubjectOf<Rules[A]>): Promise<boolean>;
  /**
   * Throws UNAUTHENTICATED without a viewer and FORBIDDEN (with the rule's reason) when
   * the rule denies; returns the viewer, now known to be signed in.
   */
  assertCan<A extends keyof Rules & string>(viewer: Viewer | null, action: A, ...subject: SubjectOf<Rules[A]>): Promise<Viewer>;
  readonly actions: readonly (keyof Rules & string)[];
}

/**
 * A subgraph's authorization, declared as a table of named actions ('order:cancel',
 * 'product:update') to rules, in the spirit of Hive's assertPerformAction: services ask
 * `assertCan(scope.viewer, 'product:update', product)` instead of checking roles inline,
 * so who may do what is read in one place.
 */
export function definePolicy<const Rules extends Record<string, Rule>>(rules: Rules): Policy<Rules> {
  async function verdict(viewer: Viewer, action: keyof Rules & string, subject: unknown[]): Promise<Verdict> {
    const rule = rules[action] as (viewer: Viewer, ...subject: unknown[]) => Verdict | Promise<Verdict>;
    return rule(viewer, ...subject);
  }
  return {
    actions: Object.keys(rules),
    async can(viewer, action, ...subject) {
      return viewer !== null && (await verdict(viewer, action, subject)) === true;
    },
    async assertCan(viewer, action, ...subject) {
      if (!viewer) throw unauthenticated();
      const answer = await verdict(viewer, action, subject);
      if (answer === true) return viewer;
      throw forbidden(typeof answer === 'string' ? answer : `Not allowed: ${action}`);
    },
  };
}
