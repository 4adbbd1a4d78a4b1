import { ServiceException } from '@smithy/core/client';
import { describe, expect, it } from 'vitest';
import { AwsError } from '@/lib/aws/errors';
import { parseSettings, SettingsError } from '@/lib/config';
import { describeTarget, toTargetProblem } from './target';

function serviceError(name: string, message: string): ServiceException {
  return new ServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: 403, requestId: 'req-1' } });
}

describe('toTargetProblem', () => {
  it('names rejected credentials and lists the fixes', () => {
    const problem = toTargetProblem(serviceError('InvalidClientTokenId', 'The security token included in the request is invalid.'), 'aws');
    expect(problem.kind).toBe('credentials');
    expect(problem.title).toBe('AWS rejected the credentials');
    expect(problem.code).toBe('InvalidClientTokenId');
    expect(problem.detail).toContain('AWS said: “The security token included in the request is invalid.”');
    const fixes = problem.fixes.join('\n');
    for (const hint of ['AWS_PROFILE', 'aws sso login', 'AWS_ACCESS_KEY_ID', 'ATLAS_TARGET=sandbox']) expect(fixes).toContain(hint);
  });

  it('says no credentials were found when the provider chain is empty', () => {
    const error = new Error('Could not load credentials from any providers');
    error.name = 'CredentialsProviderError';
    const problem = toTargetProblem(error, 'aws');
    expect(problem).toMatchObject({ kind: 'credentials', title: 'No AWS credentials were found', code: 'CredentialsProviderError' });
    expect(problem.detail).toContain('The SDK said: “Could not load credentials from any providers”');
  });

  it('reports an unreachable endpoint with target-specific advice', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' });
    const onSandbox = toTargetProblem(refused, 'sandbox');
    expect(onSandbox).toMatchObject({ kind: 'unreachable', title: 'The sandbox account is not answering', code: 'ECONNREFUSED' });
    const onAws = toTargetProblem(new AwsError({ kind: 'timeout', code: 'TimeoutError', message: 'timed out' }), 'aws');
    expect(onAws.kind).toBe('unreachable');
    expect(onAws.fixes.join(' ')).toContain('AWS_ENDPOINT_URL');
  });

  it('explains an invalid configuration with the variable at fault', () => {
    let thrown: unknown;
    try {
      parseSettings({ ATLAS_TARGET: 'azure' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SettingsError);
    const problem = toTargetProblem(thrown, 'sandbox');
    expect(problem.kind).toBe('configuration');
    expect(problem.detail).toContain('ATLAS_TARGET');
  });

  it('never carries a stack trace in what it shows', () => {
    const problem = toTargetProblem(serviceError('ServiceUnavailable', 'down'), 'aws');
    expect(problem.kind).toBe('unknown');
    expect(JSON.stringify(problem)).not.toMatch(/\n\s+at /);
  });
});

describe('describeTarget', () => {
  it('describes the sandbox by its URL', () => {
    expect(describeTarget(parseSettings({ SANDBOX_PORT: '4610' }))).toEqual({
      kind: 'sandbox',
      homeRegion: 'us-east-1',
      endpoint: 'Built-in sandbox account at http://127.0.0.1:4610',
    });
  });

  it('describes AWS with its home region, profile and endpoint override', () => {
    const description = describeTarget(
      parseSettings({ ATLAS_TARGET: 'aws', AWS_REGION: 'eu-west-1', AWS_PROFILE: 'audit', AWS_ENDPOINT_URL: 'http://127.0.0.1:9000' }),
    );
    expect(description).toEqual({ kind: 'aws', homeRegion: 'eu-west-1', endpoint: 'AWS, home region eu-west-1, profile audit, endpoint http://127.0.0.1:9000' });
  });
});
