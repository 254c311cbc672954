import { describe, expect, it } from '@jest/globals';
import { readAuthVerdicts } from '../auth-results.js';

const line = (key: string, value: string) => ({ key, line: `${key}: ${value}` });

describe('authentication results', () => {
  it('reads SPF, DKIM and DMARC from Authentication-Results, the topmost header winning', () => {
    const verdicts = readAuthVerdicts([
      line('Authentication-Results', 'mx.empresa.co;\r\n spf=pass smtp.mailfrom=cliente.test;\r\n dkim=pass header.d=cliente.test header.s=s1; dmarc=pass (p=none) header.from=cliente.test'),
      line('Authentication-Results', 'relay.example; spf=fail smtp.mailfrom=cliente.test; dkim=fail'),
    ]);
    expect(verdicts).toMatchObject({ spf: 'pass', dkim: 'pass', dmarc: 'pass' });
    expect(verdicts.headers).toHaveLength(2);
    expect(verdicts.headers[0]!.value).not.toContain('\n');
  });

  it('reads Received-SPF, and says null when nothing was reported', () => {
    expect(readAuthVerdicts([line('Received-SPF', 'SoftFail (mx.empresa.co: domain of transitioning x@y) client-ip=192.0.2.1;')])).toMatchObject({
      spf: 'softfail',
      dkim: null,
      dmarc: null,
    });
    expect(readAuthVerdicts([line('Subject', 'Hola')])).toEqual({ spf: null, dkim: null, dmarc: null, headers: [] });
    expect(readAuthVerdicts([line('Authentication-Results', 'mx.empresa.co; none')])).toMatchObject({ spf: null, dkim: null, dmarc: null });
  });
});
