import { useT } from '../i18n/use-t';

export type Light = 'green' | 'amber' | 'red' | 'grey';

/** Legal (Ley 1755) state → light: on time, due soon, overdue; answered or suspended is grey. */
export function legalLight(state: string | null | undefined): Light {
  if (state === 'overdue' || state === 'answered_late') return 'red';
  if (state === 'due_soon') return 'amber';
  if (state === 'on_time') return 'green';
  return 'grey';
}

export function slaLight(state: string | null | undefined): Light {
  if (state === 'breached') return 'red';
  if (state === 'warning') return 'amber';
  if (state === 'on_track') return 'green';
  return 'grey';
}

/** The words for a legal state that is not a plain light (suspended, answered). */
export function legalWords(state: string | null | undefined, t: ReturnType<typeof useT>): string | undefined {
  if (state === 'suspended') return t('tickets.suspended');
  if (state === 'answered_on_time') return t('tickets.answeredOnTime');
  if (state === 'answered_late') return t('tickets.answeredLate');
  return undefined;
}

/** A dot plus words (never colour alone), for screen readers and colour-blind users. */
export function TrafficLight({ light, label, words: given }: { light: Light; label?: string; words?: string }) {
  const t = useT();
  const words = given ?? { green: t('tickets.onTime'), amber: t('tickets.dueSoon'), red: t('tickets.overdue'), grey: t('tickets.closed') }[light];
  return (
    <span className={`light light-${light}`} data-light={light}>
      <span className="dot" aria-hidden="true" />
      {label ? `${label}: ` : ''}
      {words}
    </span>
  );
}
