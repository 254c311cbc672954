import { defineTemplate, htmlDocument, templateLocale, type EmailTemplate, type TemplateLocale } from '../templates/email-template.js';
import { html, singleLine } from '../templates/escape-html.js';

/** Variables every opportunity e-mail uses. `detail` is a file name or a shared note's excerpt (never a private note). */
export interface OpportunityMailVars {
  recipientName: string;
  title: string;
  actorName: string | null;
  url: string;
  detail: string | null;
  /** Stalled deals: days without activity. */
  days?: number;
}

type Wording = Record<TemplateLocale, { subject: (v: OpportunityMailVars) => string; lead: (v: OpportunityMailVars) => string; button: string }>;

const BUTTON_STYLE = 'display:inline-block;padding:10px 18px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold';
const by = (v: OpportunityMailVars, es: boolean) => (v.actorName ? (es ? ` (por ${v.actorName})` : ` (by ${v.actorName})`) : '');

const WORDING: Record<string, Wording> = {
  'new-opportunity-agent': {
    es: {
      subject: (v) => `Nueva oportunidad como agente comercial: ${v.title}`,
      lead: (v) => `Usted es el agente comercial de la oportunidad «${v.title}»${by(v, true)}.`,
      button: 'Ver oportunidad',
    },
    en: { subject: (v) => `New opportunity as sales agent: ${v.title}`, lead: (v) => `You are the sales agent of the opportunity "${v.title}"${by(v, false)}.`, button: 'View opportunity' },
  },
  'new-opportunity-assignee': {
    es: {
      subject: (v) => `Nueva oportunidad a su cargo: ${v.title}`,
      lead: (v) => `Usted es el usuario responsable de la oportunidad «${v.title}»${by(v, true)}.`,
      button: 'Ver oportunidad',
    },
    en: {
      subject: (v) => `New opportunity assigned to you: ${v.title}`,
      lead: (v) => `You are the user responsible for the opportunity "${v.title}"${by(v, false)}.`,
      button: 'View opportunity',
    },
  },
  'new-opportunity-file': {
    es: {
      subject: (v) => `Nuevo archivo en la oportunidad ${v.title}`,
      lead: (v) => `Se adjuntó el archivo «${v.detail ?? ''}» a la oportunidad «${v.title}»${by(v, true)}.`,
      button: 'Ver archivos',
    },
    en: {
      subject: (v) => `New file on the opportunity ${v.title}`,
      lead: (v) => `The file "${v.detail ?? ''}" was attached to the opportunity "${v.title}"${by(v, false)}.`,
      button: 'View files',
    },
  },
  'new-opportunity-note': {
    es: { subject: (v) => `Nueva nota en la oportunidad ${v.title}`, lead: (v) => `Hay una nota nueva en la oportunidad «${v.title}»${by(v, true)}: ${v.detail ?? ''}`, button: 'Ver notas' },
    en: {
      subject: (v) => `New note on the opportunity ${v.title}`,
      lead: (v) => `There is a new note on the opportunity "${v.title}"${by(v, false)}: ${v.detail ?? ''}`,
      button: 'View notes',
    },
  },
  'opportunity-stalled': {
    es: {
      subject: (v) => `Oportunidad estancada: ${v.title}`,
      lead: (v) => `La oportunidad «${v.title}» lleva ${v.days ?? ''} días sin actividad. Registre una actividad o muévala de etapa.`,
      button: 'Ver oportunidad',
    },
    en: {
      subject: (v) => `Stalled opportunity: ${v.title}`,
      lead: (v) => `The opportunity "${v.title}" has had no activity for ${v.days ?? ''} days. Log an activity or move it to another stage.`,
      button: 'View opportunity',
    },
  },
};

function build(id: string): EmailTemplate<OpportunityMailVars> {
  const wording = WORDING[id]!;
  const variant = (lang: TemplateLocale) => (v: OpportunityMailVars) => {
    const w = wording[lang];
    const hello = lang === 'es' ? `Hola, ${v.recipientName}:` : `Hi ${v.recipientName},`;
    const sign = lang === 'es' ? '— Su CRM' : '— Your CRM';
    return {
      subject: singleLine(w.subject(v)),
      text: [hello, '', w.lead(v), '', v.url, '', sign].join('\n'),
      html: htmlDocument(lang, [html`<p>${hello}</p>`, html`<p>${w.lead(v)}</p>`, html`<p><a href="${v.url}" style="${BUTTON_STYLE}">${w.button}</a></p>`].join('\n')),
    };
  };
  return defineTemplate<OpportunityMailVars>(id, { es: variant('es'), en: variant('en') });
}

export const OPPORTUNITY_TEMPLATES = {
  agent: build('new-opportunity-agent'),
  assignee: build('new-opportunity-assignee'),
  file: build('new-opportunity-file'),
  note: build('new-opportunity-note'),
  stalled: build('opportunity-stalled'),
};

export function opportunitySummary(template: EmailTemplate<OpportunityMailVars>, locale: string | null | undefined, vars: OpportunityMailVars): string {
  return WORDING[template.id]![templateLocale(locale)].lead(vars);
}

export function opportunityUrl(appBaseUrl: string, opportunityId: string): string {
  return `${appBaseUrl.replace(/\/+$/, '')}/opportunities/${encodeURIComponent(opportunityId)}`;
}
