import { describe, expect, it } from 'vitest';
import { getHostName, isAllowedHost, isRequestHostAllowed } from './host';

describe('the Host allow-list (DNS-rebinding protection)', () => {
  it('answers to loopback literals and localhost on any port', () => {
    for (const host of ['127.0.0.1:3000', '127.0.0.1', '127.1.2.3:80', 'localhost:3000', 'LOCALHOST', '[::1]:3000', '[::1]']) {
      expect(isAllowedHost(host, []), host).toBe(true);
    }
  });

  it('refuses any other name, a rebinding name included, and malformed or missing values', () => {
    for (const host of ['rebind.attacker.example:3000', '127.0.0.1.attacker.example', 'localhost.attacker.example', '192.168.1.5:3000', '0.0.0.0:3000', '', 'a b', '[::2]:80', 'localhost:3000@evil']) {
      expect(isAllowedHost(host, []), host).toBe(false);
    }
    expect(isAllowedHost(null, [])).toBe(false);
  });

  it('answers to the names in ATLAS_ALLOWED_HOSTS: any port without one, that port only with one', () => {
    expect(isAllowedHost('atlas.example.com', ['atlas.example.com'])).toBe(true);
    expect(isAllowedHost('Atlas.Example.com:8443', ['atlas.example.com'])).toBe(true);
    expect(isAllowedHost('atlas.example.com:8443', ['atlas.example.com:8443'])).toBe(true);
    expect(isAllowedHost('atlas.example.com:9000', ['atlas.example.com:8443'])).toBe(false);
    expect(isAllowedHost('evil.atlas.example.com', ['atlas.example.com'])).toBe(false);
  });

  it('checks X-Forwarded-Host as well, so a page cannot pass a foreign Host off as loopback', () => {
    expect(isRequestHostAllowed(new Headers({ host: '127.0.0.1:3000' }), [])).toBe(true);
    expect(isRequestHostAllowed(new Headers({ host: '127.0.0.1:3000', 'x-forwarded-host': 'rebind.attacker.example' }), [])).toBe(false);
    expect(isRequestHostAllowed(new Headers({ host: 'rebind.attacker.example', 'x-forwarded-host': 'localhost' }), [])).toBe(false);
  });

  it('reads the name out of a Host value', () => {
    expect(getHostName('Example.COM:80')).toBe('example.com');
    expect(getHostName('[::1]:3000')).toBe('::1');
    expect(getHostName('x/y')).toBeNull();
  });
});
