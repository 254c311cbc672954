import { describe, expect, it } from '@jest/globals';
import { downstreamResponseHeaders, upstreamRequestHeaders, type ForwardingContext } from '../upstream-headers.js';

const context: ForwardingContext = { requestId: 'req-1', clientIp: '10.0.0.7', protocol: 'https', host: 'crm.example.com', upstreamHost: '127.0.0.1:3001' };

describe('upstreamRequestHeaders', () => {
  it('passes the allow-listed headers and nothing else', () => {
    const headers = upstreamRequestHeaders(
      {
        authorization: 'Bearer t',
        'if-match': '"2"',
        'idempotency-key': 'k',
        'accept-language': 'en',
        'content-type': 'application/json',
        'content-length': '12',
        cookie: 'a=b',
        'x-api-key': 'secret',
        connection: 'keep-alive, x-foo',
        'x-foo': '1',
      },
      context,
    );
    expect(headers).toEqual({
      authorization: 'Bearer t',
      'if-match': '"2"',
      'idempotency-key': 'k',
      'accept-language': 'en',
      'content-type': 'application/json',
      'content-length': '12',
      host: '127.0.0.1:3001',
      'x-request-id': 'req-1',
      'x-forwarded-for': '10.0.0.7',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'crm.example.com',
    });
  });

  it('replaces client-sent X-Forwarded-* with the client address, scheme and host the gateway resolved', () => {
    const incoming = { 'x-forwarded-for': '6.6.6.6', 'x-forwarded-proto': 'http', 'x-forwarded-host': 'evil.example' };
    expect(upstreamRequestHeaders(incoming, context)).toMatchObject({ 'x-forwarded-for': '10.0.0.7', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'crm.example.com' });
  });

  it('lets a chunked body stay chunked', () => {
    expect(upstreamRequestHeaders({ 'transfer-encoding': 'chunked', 'content-type': 'application/octet-stream' }, context)['content-length']).toBeUndefined();
  });
});

describe('downstreamResponseHeaders', () => {
  it('drops hop-by-hop headers and keeps the rest', () => {
    expect(
      downstreamResponseHeaders({
        connection: 'keep-alive',
        'keep-alive': 'timeout=5',
        'transfer-encoding': 'chunked',
        etag: '"3"',
        'content-type': 'application/json',
        'x-none': undefined,
      }),
    ).toEqual({
      etag: '"3"',
      'content-type': 'application/json',
    });
  });
});
