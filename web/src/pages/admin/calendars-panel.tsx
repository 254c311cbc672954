import { useEffect, useRef, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { ApiError } from '../../api/problem';
import { Badge, ErrorNotice, TextField } from '../../components/ui';
import { useT } from '../../i18n/use-t';
import { FormError, itemError } from './form-error';

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
  const [editing, setEditing] = useState<Calendar | null>(null);

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
            )}{' '}
            <button type="button" className="btn btn-small" aria-label={t('cal.editCalendar', { name: calendar.name })} onClick={() => setEditing(calendar)}>
              {t('common.edit')}
            </button>
          </li>
        ))}
      </ul>
      {editing && (
        <CalendarEditor
          key={`${editing.id}:${editing.version}`}
          calendar={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            onChanged();
            notify(t('common.saved'));
          }}
          onStale={onChanged}
          onReload={() => setEditing(calendars.find((calendar) => calendar.id === editing.id) ?? null)}
        />
      )}
      <h3>{t('cal.new')}</h3>
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

interface DayHours {
  open: boolean;
  start: string;
  end: string;
}

/**
 * One calendar edited in place: its name, opening hours per weekday (a closed day is not sent),
 * Colombian holidays and the extra non-working days (added and removed here, saved together with
 * the calendar's version: someone else's change in between is a 412 shown as the API words it).
 */
function CalendarEditor({ calendar, onClose, onSaved, onStale, onReload }: { calendar: Calendar; onClose: () => void; onSaved: () => void; onStale: () => void; onReload: () => void }) {
  const t = useT();
  const [name, setName] = useState(calendar.name);
  const [week, setWeek] = useState<Record<number, DayHours>>(() =>
    Object.fromEntries(
      WEEKDAYS.map((weekday) => {
        const hours = calendar.workingHours.find((item) => item.weekday === weekday);
        return [weekday, hours ? { open: true, start: hours.start, end: hours.end } : { open: false, start: '08:00', end: '17:00' }];
      }),
    ),
  );
  const [holidays, setHolidays] = useState(calendar.colombianHolidays);
  const [days, setDays] = useState(calendar.extraNonWorkingDays);
  const [newDate, setNewDate] = useState('');
  const [newReason, setNewReason] = useState('');
  const [addError, setAddError] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const openDays = WEEKDAYS.filter((weekday) => week[weekday]!.open);
  const setDay = (weekday: number, change: Partial<DayHours>) => setWeek((all) => ({ ...all, [weekday]: { ...all[weekday]!, ...change } }));
  /** The API names a working-hours error by its index in the list sent (open days only). */
  const hoursError = (weekday: number, field: string) => (week[weekday]!.open ? itemError(error, 'workingHours', openDays.indexOf(weekday), field) : undefined);

  function addDay() {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(newDate)) return setAddError(t('cal.dateRequired'));
    if (days.some((day) => day.date === newDate)) return setAddError(t('cal.dateRepeated'));
    setAddError(undefined);
    setDays((all) => [...all, { date: newDate, reason: newReason.trim() || t('cal.defaultReason') }].sort((a, b) => a.date.localeCompare(b.date)));
    setNewDate('');
    setNewReason('');
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await call('patch', '/api/v1/business-calendars/{id}', {
        params: { id: calendar.id },
        body: {
          name,
          colombianHolidays: holidays,
          workingHours: openDays.map((weekday) => ({ weekday, start: week[weekday]!.start, end: week[weekday]!.end })),
          extraNonWorkingDays: days,
          version: calendar.version,
        },
      });
      onSaved();
    } catch (caught) {
      setError(caught as ApiError);
      if (caught instanceof ApiError && caught.status === 412) onStale();
    }
  }

  return (
    <form className="card stack" onSubmit={(event) => void save(event)} aria-labelledby="cal-edit-title" data-testid="calendar-editor">
      <h3 id="cal-edit-title" tabIndex={-1} ref={heading}>
        {t('cal.editCalendar', { name: calendar.name })}
      </h3>
      <FormError error={error} fields={(field) => field === 'name' || /^(workingHours|extraNonWorkingDays)[.[]/.test(field)} onReload={onReload} />
      <TextField label={t('common.name')} required value={name} onChange={(event) => setName(event.target.value)} error={error?.fieldMessage('name')} />
      <fieldset>
        <legend>{t('cal.hours')}</legend>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('cal.weekday')}</th>
              <th scope="col">{t('cal.open')}</th>
              <th scope="col">{t('cal.opens')}</th>
              <th scope="col">{t('cal.closes')}</th>
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((weekday) => {
              const day = week[weekday]!;
              const dayName = t(`cal.dayLong.${weekday}` as never);
              const startError = hoursError(weekday, 'start');
              const endError = hoursError(weekday, 'end') ?? hoursError(weekday, 'weekday');
              return (
                <tr key={weekday} data-testid={`cal-day-${weekday}`}>
                  <th scope="row">{dayName}</th>
                  <td>
                    <input type="checkbox" aria-label={t('cal.openOn', { day: dayName })} checked={day.open} onChange={(event) => setDay(weekday, { open: event.target.checked })} />
                  </td>
                  <td>
                    <input
                      type="time"
                      aria-label={t('cal.opensOn', { day: dayName })}
                      disabled={!day.open}
                      value={day.start}
                      onChange={(event) => setDay(weekday, { start: event.target.value })}
                      aria-invalid={startError ? true : undefined}
                      aria-describedby={startError ? `cal-${weekday}-start-error` : undefined}
                    />
                    {startError && (
                      <small id={`cal-${weekday}-start-error`} className="field-error" role="alert">
                        {startError}
                      </small>
                    )}
                  </td>
                  <td>
                    <input
                      type="time"
                      aria-label={t('cal.closesOn', { day: dayName })}
                      disabled={!day.open}
                      value={day.end}
                      onChange={(event) => setDay(weekday, { end: event.target.value })}
                      aria-invalid={endError ? true : undefined}
                      aria-describedby={endError ? `cal-${weekday}-end-error` : undefined}
                    />
                    {endError && (
                      <small id={`cal-${weekday}-end-error`} className="field-error" role="alert">
                        {endError}
                      </small>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={holidays} onChange={(event) => setHolidays(event.target.checked)} /> {t('cal.holidays')}
      </label>
      <fieldset>
        <legend>{t('cal.extraDaysTitle')}</legend>
        {days.length === 0 ? (
          <p className="muted small">{t('cal.noExtraDays')}</p>
        ) : (
          <ul className="list" aria-label={t('cal.extraDaysTitle')}>
            {days.map((day, index) => {
              const dayError = itemError(error, 'extraNonWorkingDays', index, 'date') ?? itemError(error, 'extraNonWorkingDays', index, 'reason');
              return (
                <li key={day.date} className="row between wrap" data-testid="extra-day">
                  <span>
                    <strong>{day.date}</strong> · {day.reason}
                    {dayError && (
                      <small className="field-error" role="alert">
                        {' '}
                        {dayError}
                      </small>
                    )}
                  </span>
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    aria-label={t('cal.removeDay', { date: day.date })}
                    onClick={() => setDays((all) => all.filter((item) => item.date !== day.date))}
                  >
                    {t('common.delete')}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        <div className="row align-end">
          <TextField label={t('cal.extraDate')} type="date" value={newDate} onChange={(event) => setNewDate(event.target.value)} error={addError} />
          <TextField label={t('cal.extraReason')} value={newReason} maxLength={200} onChange={(event) => setNewReason(event.target.value)} />
          <button type="button" className="btn" onClick={addDay}>
            {t('cal.addDay')}
          </button>
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          {t('cal.save')}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
