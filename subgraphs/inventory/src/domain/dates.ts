/**
 * Calendar dates as 'YYYY-MM-DD' strings. Expiry is a date on a label, read in Vietnam's
 * time zone wherever the server runs: a batch printed "HSD 25/11" is off the shelf on the
 * 25th in Hà Nội, not when UTC says so.
 */
export type IsoDate = string;

const VIETNAM = 'Asia/Ho_Chi_Minh';
const DAY_MS = 86_400_000;

/** Today's date in Vietnam at `now`. */
export function vietnamDate(now: Date): IsoDate {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: VIETNAM, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
