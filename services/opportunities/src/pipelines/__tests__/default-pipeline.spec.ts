import { describe, expect, it } from '@jest/globals';
import { DEFAULT_LOST_REASONS, DEFAULT_STAGES, labelOf } from '../default-pipeline.js';

describe('seeded labels', () => {
  it('answers seeded names in English on request and leaves renamed ones as typed', () => {
    expect(labelOf({ name: 'Negociación', seedKey: 'negotiation' }, 'en')).toBe('Negotiation');
    expect(labelOf({ name: 'Negociación', seedKey: 'negotiation' }, 'es')).toBe('Negociación');
    expect(labelOf({ name: 'Cierre técnico', seedKey: null }, 'en')).toBe('Cierre técnico');
  });

  it('seeds the six stages in order, one won and one lost, and the six lost reasons', () => {
    expect(DEFAULT_STAGES.map((stage) => stage.es)).toEqual(['Prospecto', 'Calificado', 'Propuesta', 'Negociación', 'Ganado', 'Perdido']);
    expect(DEFAULT_STAGES.filter((stage) => stage.kind === 'won')).toHaveLength(1);
    expect(DEFAULT_STAGES.filter((stage) => stage.kind === 'lost')).toHaveLength(1);
    expect(DEFAULT_LOST_REASONS.map((reason) => reason.es)).toEqual(['Precio', 'Competencia', 'Sin presupuesto', 'Sin respuesta', 'Producto no se ajusta', 'Tiempo']);
  });
});
