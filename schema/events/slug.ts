import { z } from 'zod';

/**
 * URL-safe names (product and shop slugs) are part of the contract: events carry
 * them and every subgraph derives them the same way, so the rule lives here once.
 */

/** ASCII kebab-case slug from a Vietnamese name: "Rau muống Đà Lạt" -> "rau-muong-da-lat". */
export function slugify(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      // "Lan's" -> "lans", not "lan-s".
      .replace(/['’]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '')
  );
}

/** What slugify produces: lower-case kebab-case, 1-80 characters. */
export const Slug = z
  .string()
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case kebab-case');
