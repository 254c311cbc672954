import { ApiError } from '../../api/problem';
import { ErrorNotice } from '../../components/ui';
import { useT } from '../../i18n/use-t';

/**
 * The API's refusal of a form: its message (a 412 says someone else changed the record, and
 * `onReload` offers to start again from the current version), plus the field errors of fields
 * the form does not show under an input (those under an input stay there).
 */
export function FormError({ error, fields, onReload }: { error: unknown; fields: (field: string) => boolean; onReload?: () => void }) {
  const t = useT();
  if (!error) return null;
  if (!(error instanceof ApiError)) return <ErrorNotice error={error} />;
  const elsewhere = error.errors.filter((item) => !fields(item.field));
  return (
    <>
      <ErrorNotice error={new ApiError(error.status, error.detail, elsewhere, error.body)} />
      {error.status === 412 && onReload && (
        <button type="button" className="btn" onClick={onReload}>
          {t('admin.reloadCurrent')}
        </button>
      )}
    </>
  );
}

/** The message for `list[index].field` in either spelling the API uses (`list.0.field` from validation, `list[0].field` from the service). */
export function itemError(error: ApiError | null, list: string, index: number, field: string): string | undefined {
  if (!error) return undefined;
  return error.errors.find((item) => item.field === `${list}.${index}.${field}` || item.field === `${list}[${index}].${field}`)?.message;
}
