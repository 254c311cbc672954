import { describe, expect, it } from '@jest/globals';
import { classifyUpstreamError, isRetryableSocketError } from '../upstream-error.js';

const wrapped = (code: string) => Object.assign(new Error('wrapped'), { code: 'FST_REPLY_FROM_INTERNAL_SERVER_ERROR', cause: Object.assign(new Error('inner'), { code }) });

describe('classifyUpstreamError', () => {
  it('calls an unreachable service unavailable (503)', () => {
    expect(classifyUpstreamError(wrapped('ECONNREFUSED'))).toEqual({ status: 503, reason: 'refused' });
    expect(classifyUpstreamError(wrapped('ENOTFOUND'))).toEqual({ status: 503, reason: 'unreachable' });
    expect(classifyUpstreamError(wrapped('UND_ERR_CONNECT_TIMEOUT'))).toEqual({ status: 503, reason: 'connect_timeout' });
  });

  it('calls a slow service a gateway timeout (504)', () => {
    expect(classifyUpstreamError(wrapped('UND_ERR_HEADERS_TIMEOUT'))).toEqual({ status: 504, reason: 'timeout' });
    expect(classifyUpstreamError(Object.assign(new Error('t'), { code: 'FST_REPLY_FROM_GATEWAY_TIMEOUT' }))).toEqual({ status: 504, reason: 'timeout' });
  });

  it('calls anything else a bad gateway (502)', () => {
    expect(classifyUpstreamError(wrapped('UND_ERR_SOCKET'))).toEqual({ status: 502, reason: 'reset' });
    expect(classifyUpstreamError(new Error('weird'))).toEqual({ status: 502, reason: 'other' });
  });
});

describe('isRetryableSocketError', () => {
  it('is true only for a socket closed under us', () => {
    expect(isRetryableSocketError(wrapped('UND_ERR_SOCKET'))).toBe(true);
    expect(isRetryableSocketError(wrapped('ECONNREFUSED'))).toBe(false);
  });
});
