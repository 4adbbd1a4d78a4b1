import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSourceFiles, PROJECT_ROOT } from '@/test-support/source-files';
import { z } from '@/lib/validation/zod-client';

const root = PROJECT_ROOT;

describe('zod in the browser', () => {
  it('runs jitless, so building a schema never probes eval (which the CSP reports as a violation)', () => {
    expect(z.config().jitless).toBe(true);
    const schema = z.object({ kind: z.literal('member'), accountId: z.string().check(z.regex(/^\d{12}$/)) });
    expect(schema.safeParse({ kind: 'member', accountId: '222222222222' }).success).toBe(true);
    expect(schema.safeParse({ kind: 'member', accountId: 'x' }).success).toBe(false);
  });

  it('no client component takes zod from anywhere but lib/validation/zod-client', () => {
    const clientFiles = ['app', 'components', 'lib']
      .flatMap((directory) => listSourceFiles(path.join(root, directory)))
      .filter((file) => /^\s*['"]use client['"]/.test(readFileSync(file, 'utf8')));
    expect(clientFiles.length, 'client components to check').toBeGreaterThan(0);
    const direct = clientFiles.filter((file) => /from\s+['"]zod(\/[^'"]*)?['"]/.test(readFileSync(file, 'utf8')));
    expect(direct.map((file) => path.relative(root, file))).toEqual([]);
  });
});
