import type { FieldError } from '@crm/common';
import { isLocalDate, isValidTimeZone, minutesOf, type NonWorkingDay, type WeeklyHours } from '../business-time/index.js';
import type { NonWorkingDayDto, WorkingHoursDto } from './dto/calendar-parts.dto.js';

/** Opening hours as stored (ISO weekday → hours), checked: one entry per weekday, end after start. */
export function weeklyHoursFrom(rows: readonly WorkingHoursDto[], errors: FieldError[]): WeeklyHours {
  const hours: WeeklyHours = { 1: null, 2: null, 3: null, 4: null, 5: null, 6: null, 7: null };
  rows.forEach((row, index) => {
    const key = row.weekday as keyof WeeklyHours;
    if (hours[key]) errors.push({ field: `workingHours[${index}].weekday`, message: 'Cada día de la semana puede aparecer una sola vez.' });
    else if (minutesOf(row.end) <= minutesOf(row.start)) errors.push({ field: `workingHours[${index}].end`, message: 'La hora de cierre debe ser posterior a la de apertura.' });
    else hours[key] = { start: row.start, end: row.end };
  });
  return hours;
}

export function nonWorkingDaysFrom(rows: readonly NonWorkingDayDto[], errors: FieldError[]): NonWorkingDay[] {
  const seen = new Set<string>();
  const days: NonWorkingDay[] = [];
  rows.forEach((row, index) => {
    if (!isLocalDate(row.date)) errors.push({ field: `extraNonWorkingDays[${index}].date`, message: 'Fecha inválida.' });
    else if (seen.has(row.date)) errors.push({ field: `extraNonWorkingDays[${index}].date`, message: 'Fecha repetida.' });
    else {
      seen.add(row.date);
      days.push({ date: row.date, reason: row.reason.trim() });
    }
  });
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

export function checkTimeZone(timeZone: string, errors: FieldError[]): void {
  if (!isValidTimeZone(timeZone)) errors.push({ field: 'timeZone', message: 'Zona horaria IANA desconocida (por ejemplo America/Bogota).' });
}
