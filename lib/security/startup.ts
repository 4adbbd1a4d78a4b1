import { getStartupSettings, MIN_ACCESS_TOKEN_LENGTH, type StartupSettings } from '@/lib/config';

// The start-up refusal: a dashboard that holds credentials able to delete an IAM role listens on loopback
// only, unless access control is configured with a strong enough token. Runs from instrumentation.ts.

export interface ListenFacts {
  /** Addresses the process's HTTP servers are bound to ('0.0.0.0', '::', '127.0.0.1', …). */
  boundAddresses: string[];
  /** The address asked for on the command line (-H/--hostname); undefined when it names none. */
  requestedHost: string | undefined;
  /** HOST from the environment: the address the deployment says it serves on, whatever the command line says. */
  configuredHost?: string | undefined;
  /** True when the process is `next start`/`next dev` (which bind every interface when no -H is given). */
  isNextServer: boolean;
}

export type StartupCheck = { ok: true; warning?: string } | { ok: false; message: string };

export function isLoopbackAddress(address: string): boolean {
  const host = address.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost' || host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const ipv4 = host.startsWith('::ffff:') ? host.slice('::ffff:'.length) : host;
  return /^127(\.\d{1,3}){3}$/.test(ipv4);
}

/** The -H/--hostname value from a `next start`/`next dev` command line, or undefined. */
export function getHostnameArgument(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (argument === '-H' || argument === '--hostname') return argv[index + 1];
    if (argument.startsWith('--hostname=')) return argument.slice('--hostname='.length);
    if (argument.startsWith('-H') && argument.length > 2) return argument.slice(2);
  }
  return undefined;
}

export function isNextServerCommand(argv: readonly string[]): boolean {
  const script = argv.slice(1, 3).join(' ');
  return /next(\.js)?\b/.test(script) && argv.some((argument) => argument === 'start' || argument === 'dev');
}

/** Every address this process's listening servers are bound to (Node has no public API for this). */
export function getBoundAddresses(): string[] {
  const getHandles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles;
  if (typeof getHandles !== 'function') return [];
  const addresses: string[] = [];
  for (const handle of getHandles.call(process)) {
    const address = (handle as { address?: () => unknown; listening?: boolean }) ?? {};
    if (address.listening !== true || typeof address.address !== 'function') continue;
    const bound = address.address();
    if (bound && typeof bound === 'object' && 'address' in bound && typeof bound.address === 'string') addresses.push(bound.address);
  }
  return addresses;
}

export function gatherListenFacts(argv: readonly string[], settings: StartupSettings): ListenFacts {
  return {
    boundAddresses: getBoundAddresses(),
    requestedHost: getHostnameArgument(argv),
    configuredHost: settings.host,
    isNextServer: isNextServerCommand(argv),
  };
}

/** The addresses other machines might reach this server on; empty when it listens on loopback only. */
export function getExposedAddresses(facts: ListenFacts): string[] {
  const exposed = new Set<string>();
  for (const address of facts.boundAddresses) if (!isLoopbackAddress(address)) exposed.add(address);
  if (facts.requestedHost !== undefined && !isLoopbackAddress(facts.requestedHost)) exposed.add(facts.requestedHost || '0.0.0.0');
  if (facts.configuredHost !== undefined && !isLoopbackAddress(facts.configuredHost)) exposed.add(facts.configuredHost);
  // `next start` without -H binds every interface.
  if (facts.requestedHost === undefined && facts.isNextServer && facts.boundAddresses.length === 0) exposed.add('0.0.0.0');
  return [...exposed];
}

/** Bits of guessing work a token gives, estimated from how its characters are spread (Shannon, per character). */
export function estimateTokenEntropyBits(token: string): number {
  const counts = new Map<string, number>();
  for (const character of token) counts.set(character, (counts.get(character) ?? 0) + 1);
  const length = [...token].length;
  let perCharacter = 0;
  for (const count of counts.values()) perCharacter -= (count / length) * Math.log2(count / length);
  return perCharacter * length;
}

export const MIN_TOKEN_ENTROPY_BITS = 128;
const TOKEN_HINT = 'Generate one with: openssl rand -hex 32';

export function checkStartup(facts: ListenFacts, settings: StartupSettings): StartupCheck {
  const token = settings.token ?? '';
  const exposed = getExposedAddresses(facts);
  const where = exposed.join(', ');
  if (token && token.length < MIN_ACCESS_TOKEN_LENGTH) {
    return {
      ok: false,
      message: `Refusing to start: ATLAS_ACCESS_TOKEN is ${token.length} characters long; it must be at least ${MIN_ACCESS_TOKEN_LENGTH}. ${TOKEN_HINT}`,
    };
  }
  if (token && estimateTokenEntropyBits(token) < MIN_TOKEN_ENTROPY_BITS) {
    return {
      ok: false,
      message: `Refusing to start: ATLAS_ACCESS_TOKEN is too easy to guess (it repeats too few different characters). ${TOKEN_HINT}`,
    };
  }
  if (exposed.length > 0 && !token) {
    return {
      ok: false,
      message:
        `Refusing to start: the dashboard would listen on ${where}, which other machines can reach, and ATLAS_ACCESS_TOKEN is not set. ` +
        `It holds credentials that can delete an IAM role. Either listen on loopback only (next start -H 127.0.0.1) ` +
        `or set ATLAS_ACCESS_TOKEN to a secret of at least ${MIN_ACCESS_TOKEN_LENGTH} characters (openssl rand -hex 32) so visitors must sign in.`,
    };
  }
  if (facts.configuredHost !== undefined && !isLoopbackAddress(facts.configuredHost) && settings.allowedHostsProblem) {
    return { ok: false, message: `Refusing to start: HOST is ${facts.configuredHost}, which is not loopback, and ${settings.allowedHostsProblem}.` };
  }
  if (facts.configuredHost !== undefined && !isLoopbackAddress(facts.configuredHost) && settings.allowedHosts.length === 0) {
    return {
      ok: false,
      message:
        `Refusing to start: HOST is ${facts.configuredHost}, which is not loopback, and ATLAS_ALLOWED_HOSTS is not set. ` +
        'List the host names visitors use to reach the dashboard (e.g. ATLAS_ALLOWED_HOSTS=atlas.example.com); any other Host is refused.',
    };
  }
  if (exposed.length > 0) {
    return { ok: true, warning: `Listening on ${where}: access control is on; visitors must sign in with the access token.` };
  }
  return { ok: true };
}

/** Called first by instrumentation.ts: exits the process, saying why, when starting would be unsafe. */
export function enforceStartupPolicy(): void {
  const settings = getStartupSettings();
  const result = checkStartup(gatherListenFacts(process.argv, settings), settings);
  if (result.ok) {
    if (result.warning) console.warn(`[atlas] ${result.warning}`);
    return;
  }
  console.error(`\n[atlas] ${result.message}\n`);
  process.exit(1);
}
