import { describe, expect, it } from '@jest/globals';
import { ConfigValidationError } from '@crm/common';
import { loadContactsConfig } from '../contacts-env.js';

describe('contacts configuration', () => {
  it('has sane defaults', () => {
    const config = loadContactsConfig({});
    expect(config.imports).toMatchObject({ maxBytes: 50 * 1024 * 1024, batchRows: 10_000, workerEnabled: true, xlsxMaxExpandedBytes: 256 * 1024 * 1024, xlsxMaxRows: 300_000 });
    expect(config.exports.maxRows).toBe(200_000);
    expect(config.noteReminders).toEqual({ pollMs: 5000, batchSize: 200 });
    expect(config.objectRemoval.retryMs).toBe(60_000);
    expect(config.webForms.rateLimitPerMinute).toBe(20);
  });

  it('reads the environment', () => {
    const config = loadContactsConfig({ IMPORT_WORKER: 'false', IMPORT_XLSX_MAX_ROWS: '10', EXPORT_MAX_ROWS: '5', NOTE_REMINDER_POLL_MS: '0' });
    expect(config.imports).toMatchObject({ workerEnabled: false, xlsxMaxRows: 10 });
    expect(config.exports.maxRows).toBe(5);
    expect(config.noteReminders.pollMs).toBe(0);
  });

  it('names every malformed or out-of-range variable in one error', () => {
    let error: unknown;
    try {
      loadContactsConfig({ IMPORT_MAX_BYTES: 'mucho', EXPORT_MAX_ROWS: '0', NOTE_REMINDER_BATCH: '9000' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as Error).message).toContain('IMPORT_MAX_BYTES');
  });

  it('names range problems together', () => {
    expect(() => loadContactsConfig({ EXPORT_MAX_ROWS: '0', NOTE_REMINDER_BATCH: '9000' })).toThrow(/EXPORT_MAX_ROWS[\s\S]*NOTE_REMINDER_BATCH/);
  });
});
