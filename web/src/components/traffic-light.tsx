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

/** A dot plus words (never colour alone), for screen readers and colour-blind users. */
export function TrafficLight({ light, label }: { light: Light; label?: string }) {
  const t = useT();
  const words = { green: t('tickets.onTime'), amber: t('tickets.dueSoon'), red: t('tickets.overdue'), grey: t('tickets.closed') }[light];
  return (
    <span className={`light light-${light}`} data-light={light}>
      <span className="dot" aria-hidden="true" />
      {label ? `${label}: ` : ''}
      {words}
    </span>
  );
}
