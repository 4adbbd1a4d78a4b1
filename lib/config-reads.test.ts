import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSourceFiles, PROJECT_ROOT } from '@/test-support/source-files';
import { getTargetKindFallback } from '@/lib/config';

// Settings are parsed in one place: no file of the dashboard but lib/config.ts reads the environment, so no
// variable can be read twice with two different rules.

const root = PROJECT_ROOT;

describe('settings are read in lib/config.ts only', () => {
  it('no other file of lib, app, components or the proxy reads process.env', () => {
    const files = [...['lib', 'app', 'components'].flatMap((folder) => listSourceFiles(path.join(root, folder))), path.join(root, 'proxy.ts')];
    expect(files.length, 'source files to read').toBeGreaterThan(100);
    const readers = files.filter((file) => /process\s*\.\s*env\b/.test(readFileSync(file, 'utf8'))).map((file) => path.relative(root, file));
    expect(readers).toEqual(['lib/config.ts']);
  });

  it('names the target the environment meant even when the settings as a whole are invalid', () => {
    expect(getTargetKindFallback({ ATLAS_TARGET: 'aws', AWS_REGION: 'Ireland' })).toBe('aws');
    expect(getTargetKindFallback({ ATLAS_TARGET: 'mainframe' })).toBe('sandbox');
    expect(getTargetKindFallback({})).toBe('sandbox');
  });
});
