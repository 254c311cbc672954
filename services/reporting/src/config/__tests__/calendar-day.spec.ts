import { describe, expect, it } from '@jest/globals';
import { calendarDay, daysBefore } from '../calendar-day.js';
import { loadReportingConfig } from '../reporting-env.js';

describe('calendar days', () => {
  it('uses the reporting time zone, not UTC', () => {
    const lateEveningInBogota = new Date('2026-03-11T02:30:00Z'); // 21:30 on the 10th in Bogotá
    expect(calendarDay(lateEveningInBogota, 'America/Bogota')).toBe('2026-03-10');
    expect(calendarDay(lateEveningInBogota, 'UTC')).toBe('2026-03-11');
  });

  it('counts back across month and year ends', () => {
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
    expect(daysBefore('2026-01-10', 29)).toBe('2025-12-12');
  });

  it('refuses a time zone that does not exist', () => {
    expect(() => loadReportingConfig({ REPORTING_TIME_ZONE: 'Mars/Olympus' })).toThrow(/REPORTING_TIME_ZONE/);
    expect(loadReportingConfig({}).REPORTING_TIME_ZONE).toBe('America/Bogota');
  });
});
