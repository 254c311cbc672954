import { ApiError } from '../../api/problem';
import { ErrorNotice } from '../../components/ui';

/**
 * The API's refusal of a form: its message (a 412 says someone else changed the record), plus the
 * field errors of fields the form does not show under an input (those under an input stay there).
 */
export function FormError({ error, fields }: { error: unknown; fields: (field: string) => boolean }) {
  if (!error) return null;
  if (!(error instanceof ApiError)) return <ErrorNotice error={error} />;
  const elsewhere = error.errors.filter((item) => !fields(item.field));
  return <ErrorNotice error={new ApiError(error.status, error.detail, elsewhere, error.body)} />;
}

/** The message for `list[index].field` in either spelling the API uses (`list.0.field` from validation, `list[0].field` from the service). */
export function itemError(error: ApiError | null, list: string, index: number, field: string): string | undefined {
  if (!error) return undefined;
  return error.errors.find((item) => item.field === `${list}.${index}.${field}` || item.field === `${list}[${index}].${field}`)?.message;
}
