import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { DIST_DIR, listFiles } from './trust-support';

// What every page's scripts carry: the browser parses with Zod Mini, whose functions the bundler keeps one by one.
// Zod's classic build (392 kB, 91 kB compressed, with every locale) was once evaluated at the start of every page,
// the largest single task Lighthouse found on the graph and role pages; a client import of a server schema module
// would bring it back.

// Zod names each schema class when it defines it: the classic build's object schema is "ZodObject", Zod Mini's
// "ZodMiniObject" (the core's own is "$ZodObject").
const CLASSIC_ZOD = '"ZodObject"';
const ZOD_MINI = '"ZodMiniObject"';

test.describe('client scripts', () => {
  const scripts = listFiles(path.join(DIST_DIR, 'static')).filter((file) => file.endsWith('.js'));

  test('hold Zod Mini, and not zod\'s classic build', () => {
    expect(scripts.length, `JavaScript files under ${DIST_DIR}/static`).toBeGreaterThan(5);
    const texts = scripts.map((file) => [path.basename(file), readFileSync(file, 'utf8')] as const);
    expect(texts.filter(([, text]) => text.includes(ZOD_MINI)).length, 'scripts holding Zod Mini (the header parses with it)').toBeGreaterThan(0);
    expect(texts.filter(([, text]) => text.includes(CLASSIC_ZOD)).map(([name]) => name)).toEqual([]);
  });
});
