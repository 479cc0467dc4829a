import type { Locale as RequestLocale } from '@basket/platform';

export type LocaleArg = 'VI' | 'EN' | null | undefined;

/** The locale a field renders in: its argument, else the request's Accept-Language, else Vietnamese. */
export function resolveLocale(arg: LocaleArg, requestLocale: RequestLocale | null): RequestLocale {
  if (arg) return arg === 'EN' ? 'en' : 'vi';
  return requestLocale ?? 'vi';
}

/** Picks the text in the wanted language, falling back to the other when it is missing or blank. */
export function localized(texts: { vi: string | null; en: string | null }, locale: RequestLocale): string {
  const wanted = texts[locale]?.trim();
  if (wanted) return wanted;
  return (locale === 'vi' ? texts.en : texts.vi)?.trim() ?? '';
}
