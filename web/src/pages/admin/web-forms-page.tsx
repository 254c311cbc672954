import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { ApiError } from '../../api/problem';
import { Badge, Empty, ErrorNotice, SelectField, TextField, Toast, useLoad, useToast } from '../../components/ui';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { FormError } from './form-error';

interface WebForm {
  id: string;
  name: string;
  formKey: string;
  submitUrl: string;
  sourceId: string;
  defaultTeamId: string | null;
  allowedFields: FormField[];
  redirectUrl: string | null;
  thankYouText: string | null;
  active: boolean;
  submissionCount: number;
  lastSubmissionAt: string | null;
  version: number;
}

/** What a public form may collect (docs/contacts/web-to-lead.md); the first two always. */
const FORM_FIELDS = ['firstName', 'email', 'lastName', 'phone', 'companyName', 'position', 'city', 'country', 'message', 'acceptsMarketing'] as const;
type FormField = (typeof FORM_FIELDS)[number];
const ALWAYS: readonly FormField[] = ['firstName', 'email'];

/** Web-to-lead forms: each tied to a source; its public submit URL; activate/deactivate; rotate its key. */
export default function WebFormsPage() {
  const t = useT();
  const [toast, showToast] = useToast();
  const forms = useLoad((signal) => api<{ items: WebForm[] }>('/web-forms', { query: { limit: 100 }, signal }), []);
  const sources = useLoad((signal) => api<{ items: Array<{ id: string; name: string }> }>('/sources', { query: { active: true }, signal }), []);
  const teams = useLoad((signal) => api<{ items: Array<{ id: string; name: string }> }>('/teams', { query: { limit: 100 }, signal }).catch(() => ({ items: [] })), []);
  const [name, setName] = useState('');
  const [sourceId, setSourceId] = useState('');
  const [teamId, setTeamId] = useState('');
  const [thankYou, setThankYou] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<WebForm | null>(null);
  const sourceName = (id: string) => sources.data?.items.find((source) => source.id === id)?.name ?? '—';

  async function run(action: () => Promise<unknown>, done: string) {
    setError(null);
    try {
      await action();
      forms.reload();
      showToast(done);
    } catch (caught) {
      setError(caught as ApiError);
      forms.reload();
    }
  }

  function create(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await call('post', '/api/v1/web-forms', { body: { name, sourceId, ...(teamId ? { defaultTeamId: teamId } : {}), ...(thankYou ? { thankYouText: thankYou } : {}) } });
      setName('');
      setThankYou('');
    }, t('common.saved'));
  }

  return (
    <section className="page" aria-labelledby="forms-title">
      <Toast message={toast} />
      <h1 id="forms-title">{t('nav.webForms')}</h1>
      <p className="muted">{t('forms.intro')}</p>
      {error && <ErrorNotice error={error} />}
      <div className="card table-wrap">
        {forms.error && <ErrorNotice error={forms.error} onRetry={forms.reload} />}
        {(forms.data?.items ?? []).length === 0 ? (
          <Empty />
        ) : (
          <table className="table">
            <caption className="sr-only">{t('nav.webForms')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('forms.source')}</th>
                <th scope="col">{t('forms.submitUrl')}</th>
                <th scope="col" className="num">
                  {t('forms.submissions')}
                </th>
                <th scope="col">{t('sla.state')}</th>
                <th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {forms.data!.items.map((form) => (
                <tr key={form.id}>
                  <th scope="row">{form.name}</th>
                  <td>{sourceName(form.sourceId)}</td>
                  <td>
                    <code className="break">{`${location.origin}${form.submitUrl}`}</code>
                  </td>
                  <td className="num">
                    {form.submissionCount}
                    {form.lastSubmissionAt && <div className="small muted">{formatDateTime(form.lastSubmissionAt)}</div>}
                  </td>
                  <td>
                    <Badge tone={form.active ? 'ok' : 'neutral'}>{form.active ? t('sla.active') : t('admin.inactive')}</Badge>
                  </td>
                  <td>
                    <div className="row wrap">
                      <button type="button" className="btn btn-small" aria-label={t('forms.editForm', { name: form.name })} onClick={() => setEditing(form)}>
                        {t('common.edit')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() =>
                          void run(
                            () => call('patch', '/api/v1/web-forms/{id}', { params: { id: form.id }, body: { active: !form.active, version: form.version } }),
                            form.active ? t('forms.deactivated') : t('forms.activated'),
                          )
                        }
                      >
                        {form.active ? t('forms.deactivate') : t('forms.activate')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() =>
                          window.confirm(t('forms.confirmRotate', { name: form.name })) &&
                          void run(() => call('post', '/api/v1/web-forms/{id}/rotate-key', { params: { id: form.id }, headers: { 'If-Match': `"${form.version}"` } }), t('forms.rotated'))
                        }
                      >
                        {t('forms.rotate')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {editing && (
        <WebFormEditor
          key={`${editing.id}:${editing.version}`}
          form={editing}
          sources={sources.data?.items ?? []}
          teams={teams.data?.items ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            forms.reload();
            showToast(t('common.saved'));
          }}
          onStale={forms.reload}
          onReload={() => setEditing(forms.data?.items.find((item) => item.id === editing.id) ?? null)}
        />
      )}
      <form className="card form-grid" onSubmit={create} aria-labelledby="forms-new">
        <h2 id="forms-new">{t('forms.new')}</h2>
        <TextField label={t('common.name')} required value={name} onChange={(event) => setName(event.target.value)} error={error?.fieldMessage('name')} />
        <SelectField
          label={t('forms.source')}
          required
          value={sourceId}
          onChange={(event) => setSourceId(event.target.value)}
          options={[{ value: '', label: '—' }, ...(sources.data?.items ?? []).map((source) => ({ value: source.id, label: source.name }))]}
          error={error?.fieldMessage('sourceId')}
        />
        <SelectField
          label={t('forms.team')}
          value={teamId}
          onChange={(event) => setTeamId(event.target.value)}
          options={[{ value: '', label: '—' }, ...(teams.data?.items ?? []).map((team) => ({ value: team.id, label: team.name }))]}
          error={error?.fieldMessage('defaultTeamId')}
        />
        <TextField label={t('forms.thankYou')} value={thankYou} onChange={(event) => setThankYou(event.target.value)} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            {t('common.create')}
          </button>
        </div>
      </form>
    </section>
  );
}

/**
 * One form edited in place: name, source, team, the fields it collects, where the visitor goes
 * afterwards and the thank-you text; saved with its version (a 412 says someone changed it).
 */
function WebFormEditor({
  form,
  sources,
  teams,
  onClose,
  onSaved,
  onStale,
  onReload,
}: {
  form: WebForm;
  sources: Array<{ id: string; name: string }>;
  teams: Array<{ id: string; name: string }>;
  onClose: () => void;
  onSaved: () => void;
  onStale: () => void;
  onReload: () => void;
}) {
  const t = useT();
  const [name, setName] = useState(form.name);
  const [sourceId, setSourceId] = useState(form.sourceId);
  const [teamId, setTeamId] = useState(form.defaultTeamId ?? '');
  const [fields, setFields] = useState<FormField[]>(form.allowedFields ?? [...FORM_FIELDS]);
  const [redirectUrl, setRedirectUrl] = useState(form.redirectUrl ?? '');
  const [thankYou, setThankYou] = useState(form.thankYouText ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const sourceOptions = sources.some((source) => source.id === form.sourceId) ? sources : [...sources, { id: form.sourceId, name: '—' }];

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await call('patch', '/api/v1/web-forms/{id}', {
        params: { id: form.id },
        // Nullable fields are typed as Record by the generator (its limit): the API takes a string or null (null clears).
        body: {
          name,
          sourceId,
          defaultTeamId: teamId || null,
          allowedFields: FORM_FIELDS.filter((field) => fields.includes(field)),
          redirectUrl: redirectUrl.trim() || null,
          thankYouText: thankYou.trim() || null,
          version: form.version,
        } as never,
      });
      onSaved();
    } catch (caught) {
      setError(caught as ApiError);
      if (caught instanceof ApiError && caught.status === 412) onStale();
    }
  }

  const fieldsError = error?.errors.find((item) => item.field === 'allowedFields' || item.field.startsWith('allowedFields.'))?.message;
  return (
    <form className="card form-grid" onSubmit={(event) => void save(event)} aria-labelledby="forms-edit" data-testid="web-form-editor">
      <h2 id="forms-edit" className="span-all" tabIndex={-1} ref={heading}>
        {t('forms.editForm', { name: form.name })}
      </h2>
      {error && (
        <div className="span-all">
          <FormError
            error={error}
            fields={(field) => ['name', 'sourceId', 'defaultTeamId', 'redirectUrl', 'thankYouText'].includes(field) || field.startsWith('allowedFields')}
            onReload={onReload}
          />
        </div>
      )}
      <TextField label={t('common.name')} required value={name} onChange={(event) => setName(event.target.value)} error={error?.fieldMessage('name')} />
      <SelectField
        label={t('forms.source')}
        required
        value={sourceId}
        onChange={(event) => setSourceId(event.target.value)}
        options={sourceOptions.map((source) => ({ value: source.id, label: source.name }))}
        error={error?.fieldMessage('sourceId')}
      />
      <SelectField
        label={t('forms.team')}
        value={teamId}
        onChange={(event) => setTeamId(event.target.value)}
        options={[{ value: '', label: '—' }, ...teams.map((team) => ({ value: team.id, label: team.name }))]}
        error={error?.fieldMessage('defaultTeamId')}
      />
      <TextField
        label={t('forms.redirectUrl')}
        type="url"
        placeholder="https://"
        value={redirectUrl}
        onChange={(event) => setRedirectUrl(event.target.value)}
        hint={t('forms.redirectHint')}
        error={error?.fieldMessage('redirectUrl')}
      />
      <fieldset className="span-all stack">
        <legend>{t('forms.allowedFields')}</legend>
        <div className="row wrap">
          {FORM_FIELDS.map((field) => (
            <label key={field} className="check">
              <input
                type="checkbox"
                checked={ALWAYS.includes(field) || fields.includes(field)}
                disabled={ALWAYS.includes(field)}
                onChange={(event) => setFields((all) => (event.target.checked ? [...all, field] : all.filter((item) => item !== field)))}
              />{' '}
              {t(`forms.field.${field}`)}
            </label>
          ))}
        </div>
        <small className="hint">{t('forms.alwaysCollected')}</small>
        {fieldsError && (
          <small className="field-error" role="alert">
            {fieldsError}
          </small>
        )}
      </fieldset>
      <div className="span-all stack">
        <TextField label={t('forms.thankYou')} value={thankYou} maxLength={500} onChange={(event) => setThankYou(event.target.value)} error={error?.fieldMessage('thankYouText')} />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          {t('common.save')}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
