/** An RFC 9457 problem+json answer from the API, with the per-field messages kept. */
export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly body: unknown = undefined,
  ) {
    super(detail);
  }

  /** The first message for a field (`requester.email` also matches `email` under requester). */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((error) => error.field === field || error.field.endsWith(`.${field}`))?.message;
  }

  /** Messages of every field, the first one per field. */
  get byField(): Record<string, string> {
    const map: Record<string, string> = {};
    for (const error of this.errors) map[error.field] ??= error.message;
    return map;
  }
}

export async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const problem = (body ?? {}) as { detail?: string; title?: string; errors?: FieldError[] };
  const detail = problem.detail ?? problem.title ?? `Error ${response.status}`;
  return new ApiError(response.status, detail, Array.isArray(problem.errors) ? problem.errors : [], body);
}
