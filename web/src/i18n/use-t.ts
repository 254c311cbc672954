import { useSyncExternalStore } from 'react';
import { currentLocale, onLocaleChange, type Locale } from './locale-store';
import { en, es, type MessageKey } from './messages';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A label for a value the API sends as a code (`quote.status.` + `draft`), the code itself when unknown. */
export function labelFor(t: Translate, prefix: string, value: string): string {
  const key = `${prefix}${value}` as MessageKey;
  return key in es ? t(key) : value;
}

export function translate(locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = (locale === 'en' ? en[key] : undefined) ?? es[key] ?? key;
  // {name} is a variable; {{name}} (a canned-response placeholder shown to the user) is left alone.
  return text.replace(/(?<!\{)\{(\w+)\}(?!\})/g, (_match, name: string) => String(vars[name] ?? ''));
}

export function useLocale(): Locale {
  return useSyncExternalStore(onLocaleChange, currentLocale);
}

/** The translate function of the current language; components re-render when it changes. */
export function useT(): Translate {
  const locale = useLocale();
  return (key, vars) => translate(locale, key, vars);
}
