// DNS-rebinding protection: the Host a request was addressed to must be one this server answers to. A page on
// another site that rebinds its name to 127.0.0.1 sends its own name as Host (and a matching Origin), so
// checking Origin against Host is not enough; the name itself must be allowed.

export const HOST_REFUSED_MESSAGE = 'Refused: this server does not answer to that host name.';

/** The host name of a Host header value, lower-cased, without its port or IPv6 brackets; null when malformed. */
export function getHostName(hostHeader: string): string | null {
  const value = hostHeader.trim().toLowerCase();
  if (value.length === 0 || value.length > 300) return null;
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/.exec(value);
  if (bracketed) return bracketed[1]!;
  const plain = /^([a-z0-9._-]+)(?::(\d{1,5}))?$/.exec(value);
  return plain ? plain[1]! : null;
}

function isLoopbackName(name: string): boolean {
  if (name === 'localhost' || name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  const ipv4 = name.startsWith('::ffff:') ? name.slice('::ffff:'.length) : name;
  return /^127(\.\d{1,3}){3}$/.test(ipv4);
}

/**
 * True when the Host header names loopback, localhost, or an allowed name. An allowed entry with a port
 * (`atlas.example.com:8443`) matches that port only; one without matches any port.
 */
export function isAllowedHost(hostHeader: string | null | undefined, allowedHosts: readonly string[]): boolean {
  if (!hostHeader) return false;
  const name = getHostName(hostHeader);
  if (name === null) return false;
  if (isLoopbackName(name)) return true;
  const value = hostHeader.trim().toLowerCase();
  return allowedHosts.some((allowed) => (allowed.includes(':') && !allowed.startsWith('[') ? allowed === value : getHostName(allowed) === name));
}

/** Every host a request names (Host, and X-Forwarded-Host when a proxy or a page set it) must be allowed. */
export function isRequestHostAllowed(headers: Headers, allowedHosts: readonly string[]): boolean {
  if (!isAllowedHost(headers.get('host'), allowedHosts)) return false;
  const forwarded = headers.get('x-forwarded-host');
  if (forwarded === null) return true;
  return forwarded.split(',').every((host) => isAllowedHost(host, allowedHosts));
}
