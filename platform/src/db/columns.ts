import { timestamp } from 'drizzle-orm/pg-core';

/**
 * An instant, stored at millisecond precision. JavaScript Dates (and so cursors
 * built from them) hold milliseconds; microsecond columns would make rows created in
 * the same millisecond compare unequal to their own cursor and fall between pages.
 */
export const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
