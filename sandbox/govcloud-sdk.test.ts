import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DeleteServiceLinkedRoleCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetServiceLinkedRoleDeletionStatusCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { DescribeMaintenanceWindowsCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { captureError, createClientConfig, createManualClock, startTestSandbox, type TestSandbox } from './test-support';

// The `govcloud` scenario through the real SDK, as a client configured for AWS GovCloud (US) sees it: its
// caller, role, managed policy and deletion usage list in `arn:aws-us-gov:…`, EC2 listing only its two regions,
// and IAM, STS and SSM refusing calls signed for a commercial region.

const ACCOUNT = '123456789012';
const ROLE_NAME = 'AWSServiceRoleForAmazonSSM';
const ROLE_ARN = `arn:aws-us-gov:iam::${ACCOUNT}:role/aws-service-role/ssm.amazonaws.com/${ROLE_NAME}`;

let harness: TestSandbox | undefined;
const destroyables: Array<{ destroy(): void }> = [];

function client<T extends { destroy(): void }>(Client: new (config: ReturnType<typeof createClientConfig>) => T, region: string): T {
  const created = new Client(createClientConfig(harness!.sandbox.url, region));
  destroyables.push(created);
  return created;
}

afterEach(async () => {
  for (const item of destroyables.splice(0)) item.destroy();
  await harness?.stop();
  harness = undefined;
});

describe('govcloud scenario', () => {
  it('names the caller, the role and its managed policy in aws-us-gov', async () => {
    harness = await startTestSandbox({ scenario: 'govcloud' });
    const identity = await client(STSClient, 'us-gov-west-1').send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(`arn:aws-us-gov:iam::${ACCOUNT}:user/sandbox-admin`);
    const iam = client(IAMClient, 'us-gov-west-1');
    expect((await iam.send(new GetRoleCommand({ RoleName: ROLE_NAME }))).Role?.Arn).toBe(ROLE_ARN);
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: ROLE_NAME }));
    const policyArn = 'arn:aws-us-gov:iam::aws:policy/aws-service-role/AmazonSSMServiceRolePolicy';
    expect(attached.AttachedPolicies?.map((policy) => policy.PolicyArn)).toEqual([policyArn]);
    const policy = await iam.send(new GetPolicyCommand({ PolicyArn: policyArn }));
    expect(policy.Policy).toMatchObject({ Arn: policyArn, AttachmentCount: 1 });
    // The commercial ARN names nothing in GovCloud.
    const commercial = await captureError(iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/aws-service-role/AmazonSSMServiceRolePolicy' })));
    expect(commercial.name).toBe('NoSuchEntityException');
    const simulation = await iam.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: identity.Arn, ActionNames: ['iam:DeleteServiceLinkedRole'], ResourceArns: [ROLE_ARN] }),
    );
    expect(simulation.EvaluationResults?.[0]?.EvalDecision).toBe('allowed');
  });

  it('lists only the GovCloud regions, and refuses calls signed for a commercial region', async () => {
    harness = await startTestSandbox({ scenario: 'govcloud' });
    const regions = await client(EC2Client, 'us-gov-west-1').send(new DescribeRegionsCommand({ AllRegions: true }));
    expect(regions.Regions?.map((region) => [region.RegionName, region.OptInStatus])).toEqual([
      ['us-gov-east-1', 'opt-in-not-required'],
      ['us-gov-west-1', 'opt-in-not-required'],
    ]);
    const windows = await client(SSMClient, 'us-gov-east-1').send(new DescribeMaintenanceWindowsCommand({}));
    expect(windows.WindowIdentities?.map((window) => window.Name)).toEqual(['restart-app-servers']);
    // IAM built for us-east-1 (iam.amazonaws.com) and SSM in a commercial region do not know GovCloud credentials.
    expect((await captureError(client(IAMClient, 'us-east-1').send(new GetRoleCommand({ RoleName: ROLE_NAME })))).name).toBe('InvalidClientTokenId');
    expect((await captureError(client(STSClient, 'us-east-1').send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId');
    expect((await captureError(client(SSMClient, 'us-east-1').send(new DescribeMaintenanceWindowsCommand({})))).name).toBe('UnrecognizedClientException');
  });

  it('fails a deletion on the blocker with a usage list of aws-us-gov ARNs', async () => {
    const clock = createManualClock(Date.parse('2026-11-20T12:00:00Z'));
    harness = await startTestSandbox({ scenario: 'govcloud', clock: clock.now, timings: { startDelayMs: 10, decideDelayMs: 20 } });
    const iam = client(IAMClient, 'us-gov-west-1');
    const { DeletionTaskId } = await iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: ROLE_NAME }));
    clock.advance(1_000);
    const status = await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }));
    expect(status.Status).toBe('FAILED');
    expect(status.Reason?.RoleUsageList?.map((usage) => usage.Region)).toEqual(['us-gov-east-1']);
    for (const resource of status.Reason?.RoleUsageList?.[0]?.Resources ?? []) expect(resource).toMatch(/^arn:aws-us-gov:ssm:us-gov-east-1:123456789012:windowtask\/mw-/);
    expect(status.Reason?.RoleUsageList?.[0]?.Resources).toHaveLength(1);
  });
});
