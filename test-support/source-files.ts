import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The project's root folder, for tests that read its source. */
export const PROJECT_ROOT = path.resolve(__dirname, '..');

/** Every TypeScript source file under `directory` (tests, dot-folders and node_modules left out). */
export function listSourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(full).isDirectory()) return listSourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}
