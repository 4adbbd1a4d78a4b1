import { config, discriminatedUnion, enum as zodEnum, literal, nullable, object, regex, string } from 'zod/mini';

// Zod for code that runs in the browser: Zod Mini's functions, imported by name so the bundler keeps only these
// (a few kilobytes) rather than the whole library with its locales (about 90 kB compressed, evaluated on every
// page). A schema the browser needs and this list lacks is added here. Browser code imports `z` from here, never
// from 'zod' directly.
// The pages' Content Security Policy forbids eval; jitless mode keeps zod from probing `new Function` (a strict CSP
// reports that probe as a violation even though zod catches it).
config({ jitless: true });

export const z = { config, discriminatedUnion, enum: zodEnum, literal, nullable, object, regex, string };

export type { infer as Infer } from 'zod/mini';
