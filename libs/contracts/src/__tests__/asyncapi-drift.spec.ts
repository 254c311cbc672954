import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { buildAsyncApiDocument } from '../asyncapi/asyncapi-document.js';
import { EVENT_CATALOG } from '../event-catalog.js';

const documentPath = new URL('../../../../docs/asyncapi.yaml', import.meta.url);

describe('docs/asyncapi.yaml', () => {
  const committed = parse(readFileSync(documentPath, 'utf8')) as ReturnType<typeof buildAsyncApiDocument>;

  it('matches the event catalogue in code (run `npm run asyncapi` after changing an event)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildAsyncApiDocument())));
  });

  it('documents every event type with its payload schema and routing key', () => {
    for (const definition of EVENT_CATALOG) {
      const channel = Object.values(committed.channels as Record<string, { address: string }>).find((c) => c.address === definition.type);
      expect(channel).toBeDefined();
    }
    expect(Object.keys(committed.components.messages)).toHaveLength(EVENT_CATALOG.length);
  });

  it('names every event <service>.<aggregate>.<verb> with a unique type', () => {
    const types = EVENT_CATALOG.map((definition) => definition.type);
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) expect(type).toMatch(/^[a-z]+\.[a-z_]+\.[a-z_]+(\.v\d+)?$/);
  });
});
