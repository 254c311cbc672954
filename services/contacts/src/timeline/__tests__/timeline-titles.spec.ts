import { describe, expect, it } from '@jest/globals';
import { changeTitle } from '../timeline-titles.js';

describe('timeline titles', () => {
  it('says in Spanish what happened, with the useful detail', () => {
    expect(changeTitle('created', {})).toBe('Contacto creado');
    expect(changeTitle('assigned', { ownerName: 'Laura Restrepo' })).toBe('Contacto asignado a Laura Restrepo');
    expect(changeTitle('document_uploaded', { fileName: 'rut.pdf' })).toBe('Documento adjuntado: rut.pdf');
    expect(changeTitle('consent_changed', { granted: false })).toBe('Autorización de mercadeo retirada');
    expect(changeTitle('something_new', {})).toBe('something new');
  });
});
