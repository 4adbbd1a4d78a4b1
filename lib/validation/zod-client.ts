import { z } from 'zod';

// Zod for code that runs in the browser. The pages' Content Security Policy forbids eval, and zod probes
// `new Function` when it builds an object schema; a strict CSP reports that probe as a violation even though zod
// catches it. Jitless mode skips the probe (and the compiled fast path, which client-side parsing does not need).
// Browser code imports `z` from here, never from 'zod' directly.
z.config({ jitless: true });

export { z };
