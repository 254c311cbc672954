import { useId, useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { ApiError } from '../../api/problem';
import { ErrorNotice, SelectField, TextArea, TextField, useLoad } from '../../components/ui';
import { useT } from '../../i18n/use-t';
import { emptyLine, toDecimal, toDraft, type DraftLine, type InterestOption, type QuoteView } from './quote-types';

const FIELDS = ['description', 'quantity', 'unitPrice', 'discountPercent', 'taxPercent'] as const;

/** The active products and services of the contacts catalogue (a few pages of 200 at most). */
async function loadInterests(signal: AbortSignal): Promise<InterestOption[]> {
  const all: InterestOption[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 5; page++) {
    const answer: { items: InterestOption[]; nextCursor: string | null } = await api('/interests', { query: { active: 'true', limit: 200, ...(cursor ? { cursor } : {}) }, signal });
    all.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return all;
}

/** The API's message for line `index`'s field (`lines.0.quantity` or `lines[0].quantity`). */
function lineError(error: ApiError | null, index: number, field: string): string | undefined {
  return error?.errors.find((item) => item.field === `lines.${index}.${field}` || item.field === `lines[${index}].${field}`)?.message;
}

/**
 * Creates a quote (POST /opportunities/{id}/quotes) or edits one (PATCH /quotes/{id} with its
 * version): lines with description, quantity, unit price, discount % and IVA %. The figures are
 * the API's (answered after saving), never worked out here. Editing a sent quote makes the API
 * keep the sent one as a revision and continue as the next draft revision.
 */
export function QuoteEditor({ opportunityId, quote, onSaved, onCancel }: { opportunityId: string; quote?: QuoteView; onSaved: (quote: QuoteView) => void; onCancel: () => void }) {
  const t = useT();
  const titleId = useId();
  const [lines, setLines] = useState<DraftLine[]>(() => (quote ? quote.lines.map(toDraft) : [emptyLine()]));
  const [validUntil, setValidUntil] = useState(quote?.validUntil ?? '');
  const [terms, setTerms] = useState(quote?.terms ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);

  const interests = useLoad((signal) => loadInterests(signal).catch(() => [] as InterestOption[]), []);

  const update = (key: number, field: (typeof FIELDS)[number], value: string) => setLines((all) => all.map((line) => (line.key === key ? { ...line, [field]: value } : line)));
  /** Picking a product sets the line's interestId and writes its name as the description (editable afterwards; the catalogue has no price). */
  const pick = (key: number, interestId: string) => {
    const interest = (interests.data ?? []).find((item) => item.id === interestId);
    setLines((all) => all.map((line) => (line.key === key ? { ...line, interestId, ...(interest ? { description: interest.name } : {}) } : line)));
  };
  const productOptions = (line: DraftLine) => {
    const known = interests.data ?? [];
    // A line saved with a product since deactivated still shows it (by id) so saving keeps it.
    const missing = line.interestId && !known.some((item) => item.id === line.interestId) ? [{ value: line.interestId, label: line.description }] : [];
    return [{ value: '', label: t('quotes.productNone') }, ...known.map((item) => ({ value: item.id, label: item.name })), ...missing];
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSaving(true);
    const body = {
      lines: lines.map((line) => ({
        ...(line.interestId ? { interestId: line.interestId } : {}),
        description: line.description,
        quantity: toDecimal(line.quantity),
        unitPrice: toDecimal(line.unitPrice),
        discountPercent: toDecimal(line.discountPercent || '0'),
        taxPercent: toDecimal(line.taxPercent || '0'),
      })),
      ...(validUntil ? { validUntil } : {}),
      ...(terms ? { terms } : {}),
    };
    try {
      const saved = quote
        ? await call('patch', '/api/v1/quotes/{id}', { params: { id: quote.id }, body: { ...body, version: quote.version } })
        : await call('post', '/api/v1/opportunities/{opportunityId}/quotes', { params: { opportunityId }, body, headers: { 'Idempotency-Key': `quote-${crypto.randomUUID()}` } });
      onSaved(saved as QuoteView);
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="stack quote-editor" onSubmit={(event) => void save(event)} aria-labelledby={titleId}>
      <h3 id={titleId}>{quote ? t('quotes.editTitle', { number: quote.number }) : t('quotes.newTitle')}</h3>
      {quote?.status === 'sent' && <p className="hint">{t('quotes.revisionHint')}</p>}
      {error && <ErrorNotice error={error} />}
      <ol className="quote-lines">
        {lines.map((line, index) => (
          <li key={line.key} className="quote-line" data-testid={`quote-line-${index + 1}`}>
            <fieldset>
              <legend>{t('quotes.line', { n: index + 1 })}</legend>
              {(interests.data ?? []).length > 0 || line.interestId ? (
                <div className="quote-line-product">
                  <SelectField
                    label={t('quotes.product')}
                    hint={t('quotes.productHint')}
                    value={line.interestId}
                    options={productOptions(line)}
                    onChange={(event) => pick(line.key, event.target.value)}
                    error={lineError(error, index, 'interestId')}
                  />
                </div>
              ) : null}
              <div className="quote-line-grid">
                <TextField
                  label={t('quotes.description')}
                  required
                  value={line.description}
                  onChange={(event) => update(line.key, 'description', event.target.value)}
                  error={lineError(error, index, 'description')}
                />
                <TextField
                  label={t('quotes.quantity')}
                  required
                  inputMode="decimal"
                  value={line.quantity}
                  onChange={(event) => update(line.key, 'quantity', event.target.value)}
                  error={lineError(error, index, 'quantity')}
                />
                <TextField
                  label={t('quotes.unitPrice')}
                  required
                  inputMode="decimal"
                  value={line.unitPrice}
                  onChange={(event) => update(line.key, 'unitPrice', event.target.value)}
                  error={lineError(error, index, 'unitPrice')}
                />
                <TextField
                  label={t('quotes.discount')}
                  inputMode="decimal"
                  value={line.discountPercent}
                  onChange={(event) => update(line.key, 'discountPercent', event.target.value)}
                  error={lineError(error, index, 'discountPercent')}
                />
                <TextField
                  label={t('quotes.tax')}
                  inputMode="decimal"
                  value={line.taxPercent}
                  onChange={(event) => update(line.key, 'taxPercent', event.target.value)}
                  error={lineError(error, index, 'taxPercent')}
                />
              </div>
              {lines.length > 1 && (
                <button type="button" className="link danger" onClick={() => setLines((all) => all.filter((other) => other.key !== line.key))}>
                  {t('quotes.removeLine', { n: index + 1 })}
                </button>
              )}
            </fieldset>
          </li>
        ))}
      </ol>
      <button type="button" className="btn" onClick={() => setLines((all) => [...all, emptyLine()])}>
        + {t('quotes.addLine')}
      </button>
      <div className="form-grid">
        <TextField
          label={t('quotes.validUntil')}
          type="date"
          value={validUntil}
          onChange={(event) => setValidUntil(event.target.value)}
          hint={t('quotes.validUntilHint')}
          error={error?.fieldMessage('validUntil')}
        />
        <TextArea label={t('quotes.terms')} rows={2} value={terms} onChange={(event) => setTerms(event.target.value)} />
      </div>
      <p className="hint">{t('quotes.totalsHint')}</p>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {t('quotes.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
