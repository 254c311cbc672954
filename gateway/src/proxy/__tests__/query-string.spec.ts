import { describe, expect, it } from '@jest/globals';
import { withoutQueryParam } from '../query-string.js';

describe('withoutQueryParam', () => {
  it('removes only the named parameter and keeps the rest byte for byte', () => {
    expect(withoutQueryParam('/a?service=contacts&limit=5&q=caf%C3%A9', 'service')).toBe('/a?limit=5&q=caf%C3%A9');
    expect(withoutQueryParam('/a?limit=5&service=x', 'service')).toBe('/a?limit=5');
  });

  it('drops the question mark when nothing is left, and leaves URLs without it alone', () => {
    expect(withoutQueryParam('/a/b/replay?service=contacts', 'service')).toBe('/a/b/replay');
    expect(withoutQueryParam('/a', 'service')).toBe('/a');
  });

  it('matches the decoded name, and every occurrence', () => {
    expect(withoutQueryParam('/a?serv%69ce=x&service=y&k=1', 'service')).toBe('/a?k=1');
  });
});
