import { describe, expect, it } from 'vitest';
import { getConsoleHost, getWindowLinks } from '@/lib/audit/console-links';

describe('console links', () => {
  it("open the caller's partition's console", () => {
    expect(getWindowLinks('aws', 'eu-west-1', 'mw-0123456789abcdef0').consoleUrl).toMatch(/^https:\/\/eu-west-1\.console\.aws\.amazon\.com\/systems-manager\//);
    expect(getWindowLinks('aws-cn', 'cn-north-1', 'mw-0123456789abcdef0').consoleUrl).toMatch(/^https:\/\/cn-north-1\.console\.amazonaws\.cn\//);
    expect(getWindowLinks('aws-us-gov', 'us-gov-west-1', 'mw-0123456789abcdef0').consoleUrl).toMatch(/^https:\/\/us-gov-west-1\.console\.amazonaws-us-gov\.com\//);
    expect(getConsoleHost('aws-us-gov')).toBe('https://console.amazonaws-us-gov.com');
  });
});
