export const TEMPLATE_LOCALES = ['es', 'en'] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];

export interface RenderedEmail {
  subject: string;
  /** Plain-text part. */
  text: string;
  /** Simple HTML part; every value in it is escaped. */
  html: string;
}

export interface EmailTemplate<TVars> {
  /** Stable id, stored on each delivery row (`template`). */
  readonly id: string;
  render(locale: string | null | undefined, vars: TVars): RenderedEmail & { locale: TemplateLocale };
}

/** Spanish first: English only when the recipient asked for it; anything else falls back to Spanish. */
export function templateLocale(locale: string | null | undefined): TemplateLocale {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'es';
}

export function defineTemplate<TVars>(id: string, variants: Record<TemplateLocale, (vars: TVars) => RenderedEmail>): EmailTemplate<TVars> {
  return {
    id,
    render(locale, vars) {
      const chosen = templateLocale(locale);
      return { ...variants[chosen](vars), locale: chosen };
    },
  };
}

/** Wraps a template body in the minimal HTML document every e-mail shares. */
export function htmlDocument(lang: TemplateLocale, body: string): string {
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>',
    '<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2933;background:#ffffff">',
    body,
    '</body>',
    '</html>',
  ].join('\n');
}
