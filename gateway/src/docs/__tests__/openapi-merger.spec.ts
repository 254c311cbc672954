import { describe, expect, it } from '@jest/globals';
import { mergeOpenApi, type OpenApiDocument } from '../openapi-merger.js';

const gateway: OpenApiDocument = {
  openapi: '3.0.0',
  info: { title: 'CRM API', version: '1' },
  paths: { '/api/v1/users': { get: { operationId: 'Users_list', tags: ['users'], responses: {} } } },
  components: { schemas: { PageDto: { type: 'object', properties: { a: { type: 'string' } } } }, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  tags: [{ name: 'users' }],
};

const contacts: OpenApiDocument = {
  openapi: '3.0.0',
  info: { title: 'contacts', version: '1' },
  paths: {
    '/api/v1/contacts': { get: { operationId: 'Users_list', responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/PageDto' } } } } } } },
    '/api/v1/users': { get: { operationId: 'Shadow', responses: {} }, post: { operationId: 'Contacts_newUser', responses: {} } },
  },
  components: {
    schemas: { PageDto: { type: 'object', properties: { b: { type: 'number' } } }, ContactDto: { type: 'object', properties: { page: { $ref: '#/components/schemas/PageDto' } } } },
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
  },
};

describe('mergeOpenApi', () => {
  const merged = mergeOpenApi(gateway, [{ service: 'contacts', document: contacts }], ['reporting']);

  it('adds service paths and keeps the gateway operation where both define one', () => {
    expect(Object.keys(merged.paths!)).toEqual(['/api/v1/users', '/api/v1/contacts']);
    expect((merged.paths!['/api/v1/users']!.get as { operationId: string }).operationId).toBe('Users_list');
    expect(merged.paths!['/api/v1/users']!.post).toBeDefined();
  });

  it('renames a clashing component and every $ref to it, and shares identical ones', () => {
    expect(merged.components!.schemas!.PageDto).toEqual(gateway.components!.schemas!.PageDto);
    expect(merged.components!.schemas!.contacts_PageDto).toEqual(contacts.components!.schemas!.PageDto);
    expect(merged.components!.schemas!.ContactDto).toEqual({ type: 'object', properties: { page: { $ref: '#/components/schemas/contacts_PageDto' } } });
    const op = merged.paths!['/api/v1/contacts']!.get as { responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }> };
    expect(op.responses['200']!.content['application/json']!.schema.$ref).toBe('#/components/schemas/contacts_PageDto');
    expect(Object.keys(merged.components!.securitySchemes!)).toEqual(['bearer']);
  });

  it('keeps operationIds unique and tags untagged operations with the service', () => {
    const op = merged.paths!['/api/v1/contacts']!.get as { operationId: string; tags: string[] };
    expect(op.operationId).toBe('contacts_Users_list');
    expect(op.tags).toEqual(['contacts']);
    expect(merged.tags!.map((tag) => tag.name)).toEqual(['users', 'contacts']);
  });

  it('names the services that were not reachable and leaves its inputs untouched', () => {
    expect(merged['x-unavailable-services']).toEqual(['reporting']);
    expect(gateway.paths!['/api/v1/contacts']).toBeUndefined();
    expect(contacts.components!.schemas!.ContactDto).toEqual({ type: 'object', properties: { page: { $ref: '#/components/schemas/PageDto' } } });
  });
});
