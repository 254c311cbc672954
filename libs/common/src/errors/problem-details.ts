/** RFC 9457 problem details, the body of every error response. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, { es: string; en: string; slug: string }> = {
  400: { es: 'Solicitud inválida', en: 'Bad request', slug: 'bad-request' },
  401: { es: 'No autenticado', en: 'Unauthorized', slug: 'unauthorized' },
  403: { es: 'Acción no permitida', en: 'Forbidden', slug: 'forbidden' },
  404: { es: 'No encontrado', en: 'Not found', slug: 'not-found' },
  405: { es: 'Método no permitido', en: 'Method not allowed', slug: 'method-not-allowed' },
  409: { es: 'Conflicto', en: 'Conflict', slug: 'conflict' },
  412: { es: 'Versión desactualizada', en: 'Precondition failed', slug: 'stale-version' },
  413: { es: 'Contenido demasiado grande', en: 'Payload too large', slug: 'payload-too-large' },
  415: { es: 'Tipo de contenido no soportado', en: 'Unsupported media type', slug: 'unsupported-media-type' },
  422: { es: 'No se puede procesar', en: 'Unprocessable content', slug: 'unprocessable' },
  428: { es: 'Se requiere la versión', en: 'Precondition required', slug: 'precondition-required' },
  429: { es: 'Demasiadas solicitudes', en: 'Too many requests', slug: 'rate-limited' },
  500: { es: 'Error interno', en: 'Internal server error', slug: 'internal' },
  502: { es: 'Servicio no disponible', en: 'Bad gateway', slug: 'bad-gateway' },
  503: { es: 'Servicio no disponible', en: 'Service unavailable', slug: 'unavailable' },
  504: { es: 'Tiempo de espera agotado', en: 'Gateway timeout', slug: 'timeout' },
};

export type Language = 'es' | 'en';

/** Spanish first; English when the caller's Accept-Language prefers it. */
export function preferredLanguage(acceptLanguage: string | string[] | undefined): Language {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage;
  if (!header) return 'es';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'es';
}

export function buildProblem(status: number, language: Language, fields: Partial<ProblemDetails> = {}): ProblemDetails {
  const known = TITLES[status] ?? TITLES[status >= 500 ? 500 : 400];
  return {
    type: `https://crm.example/problems/${known.slug}`,
    title: known[language],
    status,
    ...fields,
  };
}
