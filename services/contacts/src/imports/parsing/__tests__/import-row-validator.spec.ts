import { describe, expect, it } from '@jest/globals';
import { planColumns } from '../import-fields.js';
import { ImportRowValidator } from '../import-row-validator.js';

const headers = ['Nombre', 'Apellido', 'Correo Electrónico', 'Teléfono', 'País', 'NIT', 'Etiquetas', 'Tipo', 'Empresa', 'Sitio web'];
const validator = new ImportRowValidator(planColumns(headers), { kind: 'person', dedupeOn: 'email' });
const row = (values: Partial<Record<(typeof headers)[number], string>>) => headers.map((header) => values[header] ?? '');

describe('ImportRowValidator (the API rules, one Spanish reason per row)', () => {
  it('normalises a good row: lower-cased e-mail, country name to ISO code, tags split, display name', () => {
    const outcome = validator.validate(
      row({ Nombre: ' Ana ', Apellido: 'Gómez', 'Correo Electrónico': 'Ana.Gomez@Empresa.CO', País: 'Colombia', Etiquetas: 'feria; vip, feria', NIT: '900 123 456-7' }),
    );
    expect(outcome.reason).toBeNull();
    expect(outcome.row).toMatchObject({
      firstName: 'Ana',
      lastName: 'Gómez',
      displayName: 'Ana Gómez',
      email: 'ana.gomez@empresa.co',
      country: 'CO',
      tags: ['feria', 'vip'],
      taxId: '900123456-7',
      dedupeKey: 'ana.gomez@empresa.co',
      kind: null,
    });
  });

  it('refuses an invalid e-mail, a bad phone and a missing name, all in one reason', () => {
    const outcome = validator.validate(row({ 'Correo Electrónico': 'no-es-correo', Teléfono: 'llamar luego' }));
    expect(outcome.row).toBeNull();
    expect(outcome.reason).toContain('Correo electrónico inválido «no-es-correo»');
    expect(outcome.reason).toContain('Teléfono inválido');
    expect(outcome.reason).toContain('Falta el nombre');
  });

  it('takes the kind from the row ("empresa") and then requires the company name', () => {
    expect(validator.validate(row({ Tipo: 'Empresa', Nombre: 'Ana' })).reason).toContain('Falta el nombre de la empresa');
    const organisation = validator.validate(row({ Tipo: 'empresa', Empresa: 'Ferretería El Tornillo S.A.S.', 'Sitio web': 'tornillo.co' }));
    expect(organisation.row).toMatchObject({ kind: 'organization', displayName: 'Ferretería El Tornillo S.A.S.', website: 'https://tornillo.co' });
  });

  it('refuses an unknown country and explains the expected code', () => {
    expect(validator.validate(row({ Nombre: 'Ana', País: 'Narnia' })).reason).toBe('País inválido «Narnia»: use el código ISO de dos letras (p. ej. CO)');
  });

  it('dedupes on the tax id without punctuation when asked to', () => {
    const byTaxId = new ImportRowValidator(planColumns(headers), { kind: 'person', dedupeOn: 'taxId' });
    expect(byTaxId.validate(row({ Nombre: 'Ana', NIT: '900.123.456-7' })).row?.dedupeKey).toBe('9001234567');
  });
});

describe('planColumns', () => {
  it('matches Spanish and English headers regardless of case and accents; the mapping wins and can ignore', () => {
    const plan = planColumns(['E-mail', 'FIRST NAME', 'Razón Social', 'Notas', 'Correo'], { Notas: 'ignore', 'razon social': 'companyName', correo: 'ignore' });
    expect(plan.get('email')).toEqual([0]);
    expect(plan.get('firstName')).toEqual([1]);
    expect(plan.get('companyName')).toEqual([2]);
    expect([...plan.keys()].sort()).toEqual(['companyName', 'email', 'firstName']);
  });
});
