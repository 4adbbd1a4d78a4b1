import 'server-only';
import { cache } from 'react';
import { getHomeRegion } from '@/lib/aws/clients';
import { AwsError, toAwsError } from '@/lib/aws/errors';
import { getCallerIdentity } from '@/lib/aws/sts';
import type { CallerIdentity } from '@/lib/aws/types';
import { getSandboxEndpoint, getSettings, getTargetKindFallback, SettingsError, type Settings } from '@/lib/config';

// What the dashboard is pointed at and whether it can talk to it: the summary every page header shows, and a
// typed problem with fixes when it cannot (no credentials, rejected credentials, unreachable endpoint).

export type TargetKind = 'sandbox' | 'aws';

export type TargetProblemKind = 'configuration' | 'credentials' | 'unreachable' | 'access-denied' | 'unknown';

export interface TargetProblem {
  kind: TargetProblemKind;
  title: string;
  /** What went wrong, in one or two sentences; never a stack trace. */
  detail: string;
  /** The error code AWS or the SDK gave, when there is one. */
  code?: string;
  fixes: string[];
}

export interface TargetDescription {
  kind: TargetKind;
  homeRegion: string;
  /** Where requests go, in words: the sandbox URL, or AWS with the profile and endpoint override in force. */
  endpoint: string;
}

export type TargetStatus =
  | ({ ok: true; identity: CallerIdentity } & TargetDescription)
  | ({ ok: false; problem: TargetProblem } & TargetDescription);

const CREDENTIAL_FIXES = [
  'Choose a profile: set AWS_PROFILE to a profile in ~/.aws/config, then restart the dashboard.',
  'For IAM Identity Center (SSO) profiles, sign in again with `aws sso login --profile <name>`.',
  'Or set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys) in the environment.',
  'To explore without an AWS account, start with ATLAS_TARGET=sandbox (the default).',
];

export function describeTarget(settings: Settings): TargetDescription {
  const homeRegion = getHomeRegion(settings);
  if (settings.ATLAS_TARGET === 'sandbox') {
    return { kind: 'sandbox', homeRegion, endpoint: `Built-in sandbox account at ${getSandboxEndpoint(settings)}` };
  }
  const parts = [`AWS, home region ${homeRegion}`];
  if (settings.AWS_PROFILE) parts.push(`profile ${settings.AWS_PROFILE}`);
  if (settings.AWS_ENDPOINT_URL) parts.push(`endpoint ${settings.AWS_ENDPOINT_URL}`);
  return { kind: 'aws', homeRegion, endpoint: parts.join(', ') };
}

/** The first line of an SDK message, as a quoted sentence; SDK messages can run to several paragraphs. */
function quoteFirstLine(speaker: string, message: string): string {
  const line = message.split('\n')[0]?.trim() ?? '';
  return line ? `${speaker} said: “${line.length > 300 ? `${line.slice(0, 300)}…` : line}”` : '';
}

/** Turns a failure of the identity check into a problem the page can explain. */
export function toTargetProblem(error: unknown, target: TargetKind): TargetProblem {
  if (error instanceof SettingsError) {
    return {
      kind: 'configuration',
      title: 'The dashboard’s configuration is invalid',
      detail: error.message,
      fixes: ['Correct the environment variable named above (see the configuration table in README.md) and restart.'],
    };
  }
  const awsError: AwsError = toAwsError(error);
  const code = awsError.code;
  switch (awsError.kind) {
    case 'invalid-credentials': {
      const isMissing = code === 'CredentialsProviderError' || code === 'TokenProviderError';
      return {
        kind: 'credentials',
        title: isMissing ? 'No AWS credentials were found' : 'AWS rejected the credentials',
        detail: `${
          isMissing
            ? 'The SDK’s credential chain (environment, profile, SSO, instance role) found no usable credentials.'
            : `The caller’s credentials were refused (${code}): they are invalid, expired or for a disabled region.`
        } ${quoteFirstLine(isMissing ? 'The SDK' : 'AWS', awsError.message)}`.trim(),
        code,
        fixes: CREDENTIAL_FIXES,
      };
    }
    case 'unreachable':
    case 'timeout':
      return {
        kind: 'unreachable',
        title: target === 'sandbox' ? 'The sandbox account is not answering' : 'AWS could not be reached',
        detail: `The request to STS failed before an answer came back (${code}).`,
        code,
        fixes:
          target === 'sandbox'
            ? ['Restart the dashboard: it starts the sandbox itself.', 'Check that SANDBOX_PORT is free, or start the sandbox with `npm run sandbox`.']
            : [
                'Check the network connection and any proxy settings.',
                'If AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_STS is set, check that the endpoint is up.',
                'Check AWS_REGION names a region enabled for this account.',
              ],
      };
    case 'access-denied':
      return {
        kind: 'access-denied',
        title: 'The caller may not call STS',
        detail: `STS GetCallerIdentity was denied (${code}), which usually means a service control policy blocks it.`,
        code,
        fixes: ['Use a role or user that may call sts:GetCallerIdentity (docs/iam/audit-policy.json lists what the dashboard needs).'],
      };
    default:
      return {
        kind: 'unknown',
        title: 'The target could not be read',
        detail: `STS GetCallerIdentity failed (${code}).`,
        code,
        fixes: ['Reload the page; if it persists, check the server log for this error code.'],
      };
  }
}

async function readTargetStatus(): Promise<TargetStatus> {
  let description: TargetDescription;
  try {
    description = describeTarget(getSettings());
  } catch (error) {
    const fallbackKind: TargetKind = getTargetKindFallback();
    return { ok: false, kind: fallbackKind, homeRegion: '', endpoint: 'not configured', problem: toTargetProblem(error, fallbackKind) };
  }
  try {
    const identity = await getCallerIdentity();
    return { ok: true, identity, ...description };
  } catch (error) {
    return { ok: false, problem: toTargetProblem(error, description.kind), ...description };
  }
}

/** The target and caller, read once per request (the identity itself is cached per process). */
export const getTargetStatus = cache(readTargetStatus);
