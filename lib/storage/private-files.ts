import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';

// The dashboard's own data (activity log, audits, deletion tracking) is readable by its owner only: folders 0700,
// files 0600, whatever the process's umask.

const PRIVATE_DIRECTORY_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

/** Creates `directory` (and missing parents) as 0700, and tightens it to 0700 when it already exists. */
export function ensurePrivateDirectory(directory: string): void {
  mkdirSync(directory, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  chmodSync(directory, PRIVATE_DIRECTORY_MODE);
}

/** Creates `file` empty as 0600 unless it exists, and tightens it to 0600 either way. */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
}
