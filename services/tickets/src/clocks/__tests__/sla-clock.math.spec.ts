import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CALENDAR } from '../../business-time/index.js';
import { dueSlaAlerts, slaFigures, slaNextCheck, slaStateOf } from '../sla-clock.math.js';
import type { SlaClockRow } from '../sla-clock.row.js';

// Mon–Fri 08:00–17:00 Bogotá; Tue 8 Dec 2026 is a holiday (Inmaculada). Started Mon 7 Dec 09:00:
// first response 240 min → warning at 75 % = 180 min (12:00 local), due 13:00 local;
// resolution 1620 min → warning 1215 min: Mon 09–17 (480), Wed 9 (540 → 1020), Thu 10 08:00 + 195 =
// 11:15; due: Thu (540 → 1560), Fri 11 08:00 + 60 = 09:00 local.
const at = (iso: string) => new Date(iso);
const row: SlaClockRow = {
  ticket_id: '00000000-0000-4000-8000-000000000001',
  tenant_id: '00000000-0000-4000-8000-000000000002',
  policy_id: null,
  calendar_id: '00000000-0000-4000-8000-000000000003',
  started_at: at('2026-12-07T09:00:00-05:00'),
  first_response_minutes: 240,
  resolution_minutes: 1620,
  warning_percent: 75,
  raise_priority_on_breach: false,
  pauses: [],
  paused_since: null,
  first_responded_at: null,
  first_response_warn_at: null,
  first_response_due_at: null,
  first_response_warned_at: null,
  first_response_breached_at: null,
  resolution_started_at: at('2026-12-07T09:00:00-05:00'),
  resolved_at: null,
  resolution_warn_at: null,
  resolution_due_at: null,
  resolution_warned_at: null,
  resolution_breached_at: null,
  next_check_at: null,
  recompute: false,
};
const figures = slaFigures(row, DEFAULT_CALENDAR);

describe('SLA clock figures, alerts and state', () => {
  it('warning and due instants in business minutes', () => {
    expect(figures.firstResponseWarnAt?.toISOString()).toBe('2026-12-07T17:00:00.000Z');
    expect(figures.firstResponseDueAt?.toISOString()).toBe('2026-12-07T18:00:00.000Z');
    expect(figures.resolutionWarnAt?.toISOString()).toBe('2026-12-10T16:15:00.000Z');
    expect(figures.resolutionDueAt?.toISOString()).toBe('2026-12-11T14:00:00.000Z');
    expect(slaNextCheck(row, figures)?.toISOString()).toBe('2026-12-07T17:00:00.000Z');
  });

  it('warning at 75 %, then breach (which wins when both are due), each once', () => {
    expect(dueSlaAlerts(row, figures, at('2026-12-07T11:59:00-05:00'))).toEqual([]);
    expect(dueSlaAlerts(row, figures, at('2026-12-07T12:30:00-05:00'))).toEqual([{ target: 'first_response', kind: 'warning', dueAt: figures.firstResponseDueAt }]);
    expect(dueSlaAlerts(row, figures, at('2026-12-07T13:05:00-05:00'))).toEqual([{ target: 'first_response', kind: 'breach', dueAt: figures.firstResponseDueAt }]);
    const done = { ...row, first_response_warned_at: at('2026-12-07T17:00:00Z'), first_response_breached_at: at('2026-12-07T18:00:00Z') };
    expect(dueSlaAlerts(done, figures, at('2026-12-07T13:05:00-05:00'))).toEqual([]);
    expect(slaNextCheck(done, figures)?.toISOString()).toBe('2026-12-10T16:15:00.000Z');
  });

  it('states', () => {
    expect(slaStateOf(row, figures, at('2026-12-07T10:00:00-05:00'))).toBe('on_track');
    expect(slaStateOf(row, figures, at('2026-12-07T12:30:00-05:00'))).toBe('warning');
    expect(slaStateOf(row, figures, at('2026-12-07T13:05:00-05:00'))).toBe('breached');
    // Paused (pendiente) since 10:00: only 60 of the 180 warning minutes ran, so no instant is known.
    const paused = { ...row, paused_since: at('2026-12-07T10:00:00-05:00'), pauses: [{ from: '2026-12-07T15:00:00.000Z', to: null }] };
    const pausedFigures = slaFigures(paused, DEFAULT_CALENDAR);
    expect(pausedFigures.firstResponseDueAt).toBeNull();
    expect(slaStateOf(paused, pausedFigures, at('2026-12-07T16:00:00-05:00'))).toBe('paused');
    const met = { ...row, first_responded_at: at('2026-12-07T11:00:00-05:00'), resolved_at: at('2026-12-09T10:00:00-05:00') };
    expect(slaStateOf(met, figures, at('2026-12-14T10:00:00-05:00'))).toBe('met');
    expect(slaStateOf({ ...met, resolved_at: at('2026-12-11T09:30:00-05:00') }, figures, at('2026-12-14T10:00:00-05:00'))).toBe('breached');
    expect(slaStateOf({ ...row, first_response_minutes: null, resolution_minutes: null }, figures, at('2026-12-07T10:00:00-05:00'))).toBeNull();
  });
});
