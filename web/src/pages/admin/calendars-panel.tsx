import { useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { ApiError } from '../../api/problem';
import { Badge, ErrorNotice, TextField } from '../../components/ui';
import { useT } from '../../i18n/use-t';

export interface Calendar {
  id: string;
  name: string;
  timeZone: string;
  workingHours: Array<{ weekday: number; start: string; end: string }>;
  colombianHolidays: boolean;
  extraNonWorkingDays: Array<{ date: string; reason: string }>;
  isDefault: boolean;
  version: number;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** Business calendars: opening hours per weekday, Colombian holidays, extra closed days; the default one drives the legal clock. */
export function CalendarsPanel({ calendars, error: loadError, onChanged, notify }: { calendars: Calendar[]; error?: Error; onChanged: () => void; notify: (message: string) => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [start, setStart] = useState('08:00');
  const [end, setEnd] = useState('17:00');
  const [days, setDays] = useState<number[]>([1, 2, 3, 4, 5]);
  const [holidays, setHolidays] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await call('post', '/api/v1/business-calendars', {
        body: { name, timeZone: 'America/Bogota', colombianHolidays: holidays, workingHours: days.map((weekday) => ({ weekday, start, end })) },
      });
      setName('');
      onChanged();
      notify(t('common.saved'));
    } catch (caught) {
      setError(caught as ApiError);
    }
  }

  async function makeDefault(calendar: Calendar) {
    setError(null);
    try {
      await call('patch', '/api/v1/business-calendars/{id}', { params: { id: calendar.id }, body: { isDefault: true, version: calendar.version } });
      onChanged();
    } catch (caught) {
      setError(caught as ApiError);
      onChanged();
    }
  }

  return (
    <article className="card stack" aria-labelledby="cal-title">
      <h2 id="cal-title">{t('cal.title')}</h2>
      {loadError && <ErrorNotice error={loadError} />}
      {error && <ErrorNotice error={error} />}
      <ul className="list">
        {calendars.map((calendar) => (
          <li key={calendar.id}>
            <strong>{calendar.name}</strong> {calendar.isDefault && <Badge tone="info">{t('cal.default')}</Badge>} · {calendar.timeZone} ·{' '}
            {calendar.workingHours.map((hours) => `${t(`cal.day.${hours.weekday}` as never)} ${hours.start}–${hours.end}`).join(', ')}
            {calendar.colombianHolidays && ` · ${t('cal.holidays')}`}
            {calendar.extraNonWorkingDays.length > 0 && ` · ${t('cal.extraDays', { count: calendar.extraNonWorkingDays.length })}`}{' '}
            {!calendar.isDefault && (
              <button type="button" className="link" onClick={() => void makeDefault(calendar)}>
                {t('cal.makeDefault')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form className="form-grid" onSubmit={(event) => void create(event)} aria-label={t('cal.new')}>
        <TextField label={t('common.name')} required value={name} onChange={(event) => setName(event.target.value)} error={error?.fieldMessage('name')} />
        <TextField label={t('cal.opens')} type="time" value={start} onChange={(event) => setStart(event.target.value)} />
        <TextField label={t('cal.closes')} type="time" value={end} onChange={(event) => setEnd(event.target.value)} />
        <fieldset>
          <legend>{t('cal.days')}</legend>
          <div className="row wrap">
            {WEEKDAYS.map((weekday) => (
              <label key={weekday} className="check">
                <input
                  type="checkbox"
                  checked={days.includes(weekday)}
                  onChange={() => setDays((all) => (all.includes(weekday) ? all.filter((day) => day !== weekday) : [...all, weekday].sort()))}
                />{' '}
                {t(`cal.day.${weekday}` as never)}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={holidays} onChange={(event) => setHolidays(event.target.checked)} /> {t('cal.holidays')}
        </label>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            {t('cal.new')}
          </button>
        </div>
      </form>
    </article>
  );
}
