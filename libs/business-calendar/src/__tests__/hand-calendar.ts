/**
 * The official Colombian holidays of 2026 and 2027, worked out BY HAND (not by the code under
 * test) from Ley 51 de 1983 (Emiliani: 6 Jan, 19 Mar, 29 Jun, 15 Aug, 12 Oct, 1 Nov, 11 Nov and the
 * Easter-based Ascensión, Corpus Christi and Sagrado Corazón move to the next Monday when not
 * already on one) and the Easter dates (Gauss: 5 April 2026, 28 March 2027).
 *
 * Weekdays used to place them: 1 Jan 2026 is a Thursday, 1 Jan 2027 a Friday.
 */
export const HOLIDAYS_2026 = [
  '2026-01-01', // Año Nuevo, Thursday
  '2026-01-12', // Reyes Magos: Tue 6 Jan → Monday 12
  '2026-03-23', // San José: Thu 19 Mar → Monday 23
  '2026-04-02', // Jueves Santo (Easter 5 Apr − 3)
  '2026-04-03', // Viernes Santo (Easter − 2)
  '2026-05-01', // Día del Trabajo, Friday
  '2026-05-18', // Ascensión: Easter + 39 = Thu 14 May → Monday 18
  '2026-06-08', // Corpus Christi: Easter + 60 = Thu 4 Jun → Monday 8
  '2026-06-15', // Sagrado Corazón: Easter + 68 = Fri 12 Jun → Monday 15
  '2026-06-29', // San Pedro y San Pablo: already a Monday
  '2026-07-20', // Independencia, Monday
  '2026-08-07', // Batalla de Boyacá, Friday
  '2026-08-17', // Asunción: Sat 15 Aug → Monday 17
  '2026-10-12', // Día de la Raza: already a Monday
  '2026-11-02', // Todos los Santos: Sun 1 Nov → Monday 2
  '2026-11-16', // Independencia de Cartagena: Wed 11 Nov → Monday 16
  '2026-12-08', // Inmaculada Concepción, Tuesday
  '2026-12-25', // Navidad, Friday
];

export const HOLIDAYS_2027 = [
  '2027-01-01', // Año Nuevo, Friday
  '2027-01-11', // Reyes Magos: Wed 6 Jan → Monday 11
  '2027-03-22', // San José: Fri 19 Mar → Monday 22
  '2027-03-25', // Jueves Santo (Easter 28 Mar − 3)
  '2027-03-26', // Viernes Santo
  '2027-05-01', // Día del Trabajo, on a Saturday (fixed, not moved)
  '2027-05-10', // Ascensión: Thu 6 May → Monday 10
  '2027-05-31', // Corpus Christi: Thu 27 May → Monday 31
  '2027-06-07', // Sagrado Corazón: Fri 4 Jun → Monday 7
  '2027-07-05', // San Pedro y San Pablo: Tue 29 Jun → Monday 5 Jul
  '2027-07-20', // Independencia, Tuesday
  '2027-08-07', // Batalla de Boyacá, on a Saturday (fixed)
  '2027-08-16', // Asunción: Sun 15 Aug → Monday 16
  '2027-10-18', // Día de la Raza: Tue 12 Oct → Monday 18
  '2027-11-01', // Todos los Santos: already a Monday
  '2027-11-15', // Independencia de Cartagena: Thu 11 Nov → Monday 15
  '2027-12-08', // Inmaculada Concepción, Wednesday
  '2027-12-25', // Navidad, on a Saturday (fixed)
];
