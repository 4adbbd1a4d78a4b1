import type { z } from 'zod';

// Reading back a JSON text the dashboard stored: checked against the shape it must have, so a damaged or older
// text counts as none (with a warning naming it) instead of reaching the code that relies on its fields.

/** The value `text` holds, checked with `schema`; null, with a warning naming `what`, when it is not JSON or not of that shape. */
export function parseStoredJson<Schema extends z.ZodType>(text: string, schema: Schema, what: string): z.infer<Schema> | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    console.warn(`[atlas] ${what} could not be read: it is not JSON`);
    return null;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  console.warn(`[atlas] ${what} could not be read: ${parsed.error.issues[0]?.message ?? 'unexpected shape'}`);
  return null;
}
