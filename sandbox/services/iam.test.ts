import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  DeleteRoleCommand,
  DeleteServiceLinkedRoleCommand,
  DetachRolePolicyCommand,
  EntityAlreadyExistsException,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetServiceLinkedRoleDeletionStatusCommand,
  InvalidInputException,
  ListAttachedRolePoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolesCommand,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  paginateSimulatePrincipalPolicy,
  PutRolePolicyCommand,
  SimulatePrincipalPolicyCommand,
  UnmodifiableEntityException,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
} from '@aws-sdk/client-iam';
import { afterEach, describe, expect, it } from 'vitest';
import { getMaintenanceWindowPolicyArn, getManagedPolicyArn, ROLE_NAME } from '../../lib/role/constants';
import { SERVICE_ROLE_POLICY_HISTORY } from '../policies/amazon-ssm-service-role-policy';
import { captureError, createManualClock, createTestState, startTestSandbox, type TestSandbox } from '../test-support';

const ROLE_ARN = `arn:aws:iam::123456789012:role/aws-service-role/ssm.amazonaws.com/${ROLE_NAME}`;
const CUSTOM_ROLE_ARN = 'arn:aws:iam::123456789012:role/MaintenanceWindowRole';
const TRUST_SSM = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ssm.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const POLICY_ARN = getManagedPolicyArn('aws');

let harness: TestSandbox | undefined;

afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function start(options: Parameters<typeof startTestSandbox>[0] = {}): Promise<TestSandbox> {
  harness = await startTestSandbox(options);
  return harness;
}

function countActions(document: { Statement: Array<{ Action: string | string[] }> }): number {
  return document.Statement.reduce((total, statement) => total + (typeof statement.Action === 'string' ? 1 : statement.Action.length), 0);
}

describe('IAM roles', () => {
  it('returns the service-linked role with its URL-encoded trust policy and an empty last use', async () => {
    const { iam } = await start({ state: createTestState() });
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: ROLE_NAME }));
    expect(Role?.Arn).toBe(ROLE_ARN);
    expect(Role?.Path).toBe('/aws-service-role/ssm.amazonaws.com/');
    expect(Role?.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(Role?.MaxSessionDuration).toBe(3600);
    expect(Role?.CreateDate).toBeInstanceOf(Date);
    expect(Role?.AssumeRolePolicyDocument).toMatch(/^%7B/);
    expect(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!))).toEqual(JSON.parse(TRUST_SSM));
    expect(Role?.RoleLastUsed).toEqual({});
  });

  it('answers NoSuchEntity (404) for a missing role, and ValidationError for a malformed name', async () => {
    const { iam } = await start({ state: createTestState({ hasRole: false }) });
    const missing = await captureError(iam.send(new GetRoleCommand({ RoleName: ROLE_NAME })));
    expect(missing).toBeInstanceOf(NoSuchEntityException);
    expect(missing.$metadata?.httpStatusCode).toBe(404);
    expect(missing.message).toBe(`The role with name ${ROLE_NAME} cannot be found.`);
    const malformed = await captureError(iam.send(new GetRoleCommand({ RoleName: 'has space' })));
    expect(malformed.name).toBe('ValidationError');
    expect(malformed.message).toContain("at 'roleName' failed to satisfy constraint");
    const tooLong = await captureError(iam.send(new GetRoleCommand({ RoleName: 'r'.repeat(65) })));
    expect(tooLong.message).toContain('Member must have length less than or equal to 64');
  });

  it('creates roles, refuses duplicates and bad documents, and pages through ListRoles with PathPrefix', async () => {
    const { iam } = await start({ state: createTestState() });
    for (let index = 0; index < 5; index += 1) {
      await iam.send(new CreateRoleCommand({ RoleName: `Role${index}`, Path: '/custom/', AssumeRolePolicyDocument: TRUST_SSM, Tags: [{ Key: 'team', Value: 'ops' }] }));
    }
    const duplicate = await captureError(iam.send(new CreateRoleCommand({ RoleName: 'role0', AssumeRolePolicyDocument: TRUST_SSM })));
    expect(duplicate).toBeInstanceOf(EntityAlreadyExistsException);
    const malformed = await captureError(iam.send(new CreateRoleCommand({ RoleName: 'Bad', AssumeRolePolicyDocument: '{not json' })));
    expect(malformed).toBeInstanceOf(MalformedPolicyDocumentException);
    const reserved = await captureError(
      iam.send(new CreateRoleCommand({ RoleName: 'Sneaky', Path: '/aws-service-role/ssm.amazonaws.com/', AssumeRolePolicyDocument: TRUST_SSM })),
    );
    expect(reserved).toBeInstanceOf(InvalidInputException);

    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'Role3' }));
    expect(Role?.Tags).toEqual([{ Key: 'team', Value: 'ops' }]);

    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await iam.send(new ListRolesCommand({ PathPrefix: '/custom/', MaxItems: 2, Marker: marker }));
      names.push(...(page.Roles ?? []).map((role) => role.RoleName!));
      expect(page.IsTruncated).toBe(page.Marker !== undefined);
      marker = page.Marker;
      pages += 1;
    } while (marker);
    expect(pages).toBe(3);
    expect(names).toEqual(['Role0', 'Role1', 'Role2', 'Role3', 'Role4']);
    const all = await iam.send(new ListRolesCommand({}));
    expect(all.Roles?.map((role) => role.RoleName)).toContain(ROLE_NAME);
    expect(all.IsTruncated).toBe(false);
    const badMax = await captureError(iam.send(new ListRolesCommand({ MaxItems: 0 })));
    expect(badMax.name).toBe('ValidationError');
  });

  it('lets custom roles change trust, inline and managed policies and be deleted', async () => {
    const { iam } = await start({ state: createTestState() });
    await iam.send(new CreateRoleCommand({ RoleName: 'MaintenanceWindowRole', AssumeRolePolicyDocument: TRUST_SSM, Description: 'custom' }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'MaintenanceWindowRole', PolicyArn: getMaintenanceWindowPolicyArn('aws') }));
    const notAttachable = await captureError(iam.send(new AttachRolePolicyCommand({ RoleName: 'MaintenanceWindowRole', PolicyArn: POLICY_ARN })));
    expect(notAttachable).toBeInstanceOf(NoSuchEntityException);
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'MaintenanceWindowRole' }));
    expect(attached.AttachedPolicies).toEqual([{ PolicyName: 'AmazonSSMMaintenanceWindowRole', PolicyArn: getMaintenanceWindowPolicyArn('aws') }]);
    await iam.send(new PutRolePolicyCommand({ RoleName: 'MaintenanceWindowRole', PolicyName: 'extra', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }] }) }));
    const newTrust = TRUST_SSM.replace('ssm.amazonaws.com', 'ec2.amazonaws.com');
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'MaintenanceWindowRole', PolicyDocument: newTrust }));
    await iam.send(new UpdateRoleCommand({ RoleName: 'MaintenanceWindowRole', MaxSessionDuration: 7200, Description: 'changed' }));
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'MaintenanceWindowRole' }));
    expect(Role?.MaxSessionDuration).toBe(7200);
    expect(Role?.Description).toBe('changed');
    expect(decodeURIComponent(Role!.AssumeRolePolicyDocument!)).toBe(newTrust);
    const conflict = await captureError(iam.send(new DeleteRoleCommand({ RoleName: 'MaintenanceWindowRole' })));
    expect(conflict.name).toBe('DeleteConflictException');
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'MaintenanceWindowRole', PolicyArn: getMaintenanceWindowPolicyArn('aws') }));
    const detachAgain = await captureError(iam.send(new DetachRolePolicyCommand({ RoleName: 'MaintenanceWindowRole', PolicyArn: getMaintenanceWindowPolicyArn('aws') })));
    expect(detachAgain).toBeInstanceOf(NoSuchEntityException);
    const stillInline = await captureError(iam.send(new DeleteRoleCommand({ RoleName: 'MaintenanceWindowRole' })));
    expect(stillInline.message).toContain('must delete policies first');
  });
});

describe('the protected service-linked role', () => {
  const protectedMessage = `Cannot perform the operation on the protected role '${ROLE_NAME}' - this role is only modifiable by AWS`;

  it('refuses every change but its description with UnmodifiableEntity', async () => {
    const { iam } = await start({ state: createTestState() });
    const attempts = [
      iam.send(new DeleteRoleCommand({ RoleName: ROLE_NAME })),
      iam.send(new AttachRolePolicyCommand({ RoleName: ROLE_NAME, PolicyArn: getMaintenanceWindowPolicyArn('aws') })),
      iam.send(new DetachRolePolicyCommand({ RoleName: ROLE_NAME, PolicyArn: POLICY_ARN })),
      iam.send(new PutRolePolicyCommand({ RoleName: ROLE_NAME, PolicyName: 'x', PolicyDocument: TRUST_SSM })),
      iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: ROLE_NAME, PolicyDocument: TRUST_SSM })),
      iam.send(new UpdateRoleCommand({ RoleName: ROLE_NAME, MaxSessionDuration: 7200 })),
    ];
    for (const attempt of attempts) {
      const error = await captureError(attempt);
      expect(error).toBeInstanceOf(UnmodifiableEntityException);
      expect(error.message).toBe(protectedMessage);
      expect(error.$metadata?.httpStatusCode).toBe(400);
    }
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: ROLE_NAME }));
    expect(attached.AttachedPolicies).toEqual([{ PolicyName: 'AmazonSSMServiceRolePolicy', PolicyArn: POLICY_ARN }]);
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: ROLE_NAME }));
    expect(Role?.MaxSessionDuration).toBe(3600);
  });

  it('accepts a new description through UpdateRole and UpdateRoleDescription, within AWS limits', async () => {
    const { iam } = await start({ state: createTestState() });
    await iam.send(new UpdateRoleCommand({ RoleName: ROLE_NAME, Description: 'Used by patching in prod' }));
    expect((await iam.send(new GetRoleCommand({ RoleName: ROLE_NAME }))).Role?.Description).toBe('Used by patching in prod');
    const updated = await iam.send(new UpdateRoleDescriptionCommand({ RoleName: ROLE_NAME, Description: 'Second edit' }));
    expect(updated.Role?.Description).toBe('Second edit');
    const tooLong = await captureError(iam.send(new UpdateRoleCommand({ RoleName: ROLE_NAME, Description: 'd'.repeat(1001) })));
    expect(tooLong.name).toBe('ValidationError');
    const badCharacters = await captureError(iam.send(new UpdateRoleCommand({ RoleName: ROLE_NAME, Description: 'emoji \u{1F600}' })));
    expect(badCharacters.message).toContain('regular expression pattern');
    expect((await iam.send(new GetRoleCommand({ RoleName: ROLE_NAME }))).Role?.Description).toBe('Second edit');
  });

  it('is created once for ssm.amazonaws.com, and refuses other services and a second creation', async () => {
    const { iam } = await start({ state: createTestState({ hasRole: false }) });
    const wrongService = await captureError(iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'ec2.amazonaws.com' })));
    expect(wrongService).toBeInstanceOf(InvalidInputException);
    const created = await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'ssm.amazonaws.com', Description: 'mine' }));
    expect(created.Role?.Arn).toBe(ROLE_ARN);
    expect(created.Role?.Description).toBe('mine');
    const again = await captureError(iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'ssm.amazonaws.com' })));
    expect(again).toBeInstanceOf(InvalidInputException);
    expect(again.message).toBe(`Service role name ${ROLE_NAME} has been taken in this account, please try a different suffix.`);
  });
});

describe('service-linked role deletion', () => {
  const timings = { startDelayMs: 1_000, decideDelayMs: 3_000, purgeAfterMs: 600_000 };
  const blockingTasks = [
    { region: 'us-east-1', windowId: 'mw-0123456789abcdef0', windowTaskId: '11111111-1111-4111-8111-111111111111' },
    { region: 'us-east-1', windowId: 'mw-0123456789abcdef0', windowTaskId: '22222222-2222-4222-8222-222222222222', serviceRoleArn: ROLE_ARN },
    { region: 'eu-west-1', windowId: 'mw-00000000000000001', windowTaskId: '33333333-3333-4333-8333-333333333333', serviceRoleArn: '' },
  ];
  const harmlessTasks = [
    // Its own role; its notification role (TaskInvocationParameters) is not what counts.
    { region: 'us-west-2', windowId: 'mw-00000000000000002', windowTaskId: '44444444-4444-4444-8444-444444444444', serviceRoleArn: CUSTOM_ROLE_ARN, notificationRoleArn: ROLE_ARN },
  ];

  it('goes NOT_STARTED → IN_PROGRESS → SUCCEEDED with the same task id while unfinished, then removes the role', async () => {
    const clock = createManualClock();
    const { iam } = await start({ state: createTestState({ tasks: harmlessTasks }), timings, clock: clock.now });
    const first = await iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: ROLE_NAME }));
    expect(first.DeletionTaskId).toMatch(/^task\/aws-service-role\/ssm\.amazonaws\.com\/AWSServiceRoleForAmazonSSM\/[0-9a-f-]{36}$/);
    const status = () => iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: first.DeletionTaskId }));
    expect((await status()).Status).toBe('NOT_STARTED');
    clock.advance(500);
    const second = await iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: ROLE_NAME }));
    expect(second.DeletionTaskId).toBe(first.DeletionTaskId);
    clock.advance(600);
    expect((await status()).Status).toBe('IN_PROGRESS');
    expect((await iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: ROLE_NAME }))).DeletionTaskId).toBe(first.DeletionTaskId);
    expect((await iam.send(new GetRoleCommand({ RoleName: ROLE_NAME }))).Role?.Arn).toBe(ROLE_ARN);
    clock.advance(1_900);
    const done = await status();
    expect(done.Status).toBe('SUCCEEDED');
    expect(done.Reason).toBeUndefined();
    expect(await captureError(iam.send(new GetRoleCommand({ RoleName: ROLE_NAME })))).toBeInstanceOf(NoSuchEntityException);
  });

  it('decides on any read: GetRole after the delay already sees the role gone', async () => {
    const clock = createManualClock();
    const { iam } = await start({ state: createTestState(), timings, clock: clock.now });
    await iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: ROLE_NAME }));
    clock.advance(3_000);
    expect(await captureError(iam.send(new GetRoleCommand({ RoleName: ROLE_NAME })))).toBeInstanceOf(NoSuchEntityException);
  });

  it('FAILS while tasks rely on the role, listing their window-task ARNs per region, and keeps the role', async () => {
    const clock = createManualClock();
    const { iam } = await start({ state: createTestState({ tasks: [...blockingTasks, ...harmlessTasks] }), timings, clock: clock.now });
    const { DeletionTaskId } = await iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: ROLE_NAME }));
    clock.advance(3_000);
    const result = await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }));
    expect(result.Status).toBe('FAILED');
    expect(result.Reason?.Reason).toContain('3 maintenance window tasks in 2 regions');
    expect(result.Reason?.RoleUsageList).toEqual([
      { Region: 'eu-west-1', Resources: ['arn:aws:ssm:eu-west-1:123456789012:windowtask/mw-00000000000000001/33333333-3333-4333-8333-333333333333'] },
      {
        Region: 'us-east-1',
        Resources: [
          'arn:aws:ssm:us-east-1:123456789012:windowtask/mw-0123456789abcdef0/11111111-1111-4111-8111-111111111111',
          'arn:aws:ssm:us-east-1:123456789012:windowtask/mw-0123456789abcdef0/22222222-2222-4222-8222-222222222222',
        ],
      },
    ]);
    expect((await iam.send(new GetRoleCommand({ RoleName: ROLE_NAME }))).Role?.Arn).toBe(ROLE_ARN);
    // A new attempt after a decided failure is a new task.
    const retry = await iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: ROLE_NAME }));
    expect(retry.DeletionTaskId).not.toBe(DeletionTaskId);
  });

  it('purges decided tasks after purgeAfterMs, so the status call answers NoSuchEntity', async () => {
    const clock = createManualClock();
    const { iam, admin } = await start({ state: createTestState(), timings: { startDelayMs: 0, decideDelayMs: 50, purgeAfterMs: 250 }, clock: clock.now });
    const { DeletionTaskId } = await iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: ROLE_NAME }));
    clock.advance(100);
    expect((await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }))).Status).toBe('SUCCEEDED');
    clock.advance(150);
    expect((await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }))).Status).toBe('SUCCEEDED');
    clock.advance(100);
    const purged = await captureError(iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId })));
    expect(purged).toBeInstanceOf(NoSuchEntityException);
    expect(purged.$metadata?.httpStatusCode).toBe(404);
    const state = (await admin('GET', 'state')).body;
    expect(state.accounts['123456789012'].iam.deletionTasks).toEqual({});
  });

  it('keeps deciding correctly across a restart', async () => {
    const clock = createManualClock();
    const first = await startTestSandbox({ state: createTestState({ tasks: blockingTasks }), timings, clock: clock.now });
    const { DeletionTaskId } = await first.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: ROLE_NAME }));
    await first.stop({ keepDataDir: true });
    clock.advance(5_000);
    const { iam } = await start({ dataDir: first.dataDir, timings, clock: clock.now });
    const result = await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }));
    expect(result.Status).toBe('FAILED');
    expect(result.Reason?.RoleUsageList?.map((entry) => entry.Region)).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('follows deletion timings changed at run time through POST /_sandbox/settings', async () => {
    const clock = createManualClock();
    const { iam, admin } = await start({ state: createTestState(), clock: clock.now });
    const settings = await admin('POST', 'settings', { deletion: { startDelayMs: 0, decideDelayMs: 30 } });
    expect(settings.body.deletion).toEqual({ startDelayMs: 0, decideDelayMs: 30, purgeAfterMs: 600_000 });
    const { DeletionTaskId } = await iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: ROLE_NAME }));
    expect((await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }))).Status).toBe('IN_PROGRESS');
    clock.advance(30);
    expect((await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }))).Status).toBe('SUCCEEDED');
    const invalid = await admin('POST', 'settings', { deletion: { startDelayMs: 500, decideDelayMs: 100 } });
    expect(invalid.status).toBe(400);
    expect((await admin('GET', 'settings')).body.deletion.decideDelayMs).toBe(30);
  });

  it('rejects unknown task ids and roles that are absent or not service-linked', async () => {
    const { iam } = await start({ state: createTestState({ hasRole: false }) });
    const unknownTask = await captureError(iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: 'task/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM/nope' })));
    expect(unknownTask).toBeInstanceOf(NoSuchEntityException);
    expect(await captureError(iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: ROLE_NAME })))).toBeInstanceOf(NoSuchEntityException);
    await iam.send(new CreateRoleCommand({ RoleName: 'Plain', AssumeRolePolicyDocument: TRUST_SSM }));
    expect(await captureError(iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'Plain' })))).toBeInstanceOf(InvalidInputException);
  });
});

describe('managed policies', () => {
  it('serves AmazonSSMServiceRolePolicy v16 as default, with its attachment count', async () => {
    const { iam } = await start({ state: createTestState() });
    const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: POLICY_ARN }));
    expect(Policy).toMatchObject({ PolicyName: 'AmazonSSMServiceRolePolicy', DefaultVersionId: 'v16', AttachmentCount: 1, IsAttachable: false, Path: '/aws-service-role/' });
    const missing = await captureError(iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/DoesNotExist' })));
    expect(missing).toBeInstanceOf(NoSuchEntityException);
  });

  it('derives each version v3…v16 with the documented number of actions', async () => {
    const { iam } = await start({ state: createTestState() });
    const expectedCounts: Record<string, number> = { v3: 18, v4: 20, v5: 22, v6: 26, v7: 27, v8: 28, v9: 31, v10: 37, v11: 38, v12: 40, v13: 48, v14: 50, v15: 51, v16: 52 };
    for (const { versionId, date } of SERVICE_ROLE_POLICY_HISTORY) {
      const { PolicyVersion } = await iam.send(new GetPolicyVersionCommand({ PolicyArn: POLICY_ARN, VersionId: versionId }));
      const document = JSON.parse(decodeURIComponent(PolicyVersion!.Document!));
      expect(countActions(document), versionId).toBe(expectedCounts[versionId]);
      expect(PolicyVersion?.IsDefaultVersion).toBe(versionId === 'v16');
      expect(PolicyVersion?.CreateDate?.toISOString().slice(0, 10)).toBe(date);
    }
    const v16 = JSON.parse(decodeURIComponent((await iam.send(new GetPolicyVersionCommand({ PolicyArn: POLICY_ARN, VersionId: 'v16' }))).PolicyVersion!.Document!));
    expect(v16.Statement).toHaveLength(24);
    const v15 = JSON.parse(decodeURIComponent((await iam.send(new GetPolicyVersionCommand({ PolicyArn: POLICY_ARN, VersionId: 'v15' }))).PolicyVersion!.Document!));
    expect(JSON.stringify(v15)).not.toContain('ssm:PutInventory');
    const missing = await captureError(iam.send(new GetPolicyVersionCommand({ PolicyArn: POLICY_ARN, VersionId: 'v2' })));
    expect(missing).toBeInstanceOf(NoSuchEntityException);
    const malformed = await captureError(iam.send(new GetPolicyVersionCommand({ PolicyArn: POLICY_ARN, VersionId: 'latest' })));
    expect(malformed.name).toBe('ValidationError');
  });

  it('pages ListPolicyVersions newest first', async () => {
    const { iam } = await start({ state: createTestState() });
    const ids: string[] = [];
    let marker: string | undefined;
    do {
      const page = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: POLICY_ARN, MaxItems: 4, Marker: marker }));
      ids.push(...(page.Versions ?? []).map((version) => version.VersionId!));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    expect(ids).toEqual(['v16', 'v15', 'v14', 'v13', 'v12', 'v11', 'v10', 'v9', 'v8', 'v7', 'v6', 'v5', 'v4', 'v3']);
    const badMarker = await captureError(iam.send(new ListPolicyVersionsCommand({ PolicyArn: POLICY_ARN, Marker: 'not a marker!' })));
    expect(badMarker.name).toBe('ValidationError');
  });
});

describe('policy simulation (SimulatePrincipalPolicy)', () => {
  const CALLER_ARN = 'arn:aws:iam::123456789012:user/sandbox-admin';
  const WIZARD_ACTIONS = ['iam:GetRole', 'iam:DeleteServiceLinkedRole', 'iam:PassRole', 'ssm:UpdateMaintenanceWindowTask'];

  it('allows every action for the sandbox caller, naming AdministratorAccess as the matched policy', async () => {
    const { iam } = await start({ state: createTestState() });
    const output = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: CALLER_ARN, ActionNames: WIZARD_ACTIONS }));
    expect(output.IsTruncated).toBe(false);
    expect(output.Marker).toBeUndefined();
    expect(output.EvaluationResults?.map((result) => [result.EvalActionName, result.EvalResourceName, result.EvalDecision])).toEqual(
      WIZARD_ACTIONS.map((action) => [action, '*', 'allowed']),
    );
    for (const result of output.EvaluationResults ?? []) {
      expect(result.MatchedStatements).toEqual([{ SourcePolicyId: 'AdministratorAccess', SourcePolicyType: 'aws-managed' }]);
      expect(result.MissingContextValues ?? []).toEqual([]);
    }
  });

  it('evaluates one result per action and resource, in order, and pages them with MaxItems and Marker', async () => {
    const { iam } = await start({ state: createTestState() });
    const resources = [ROLE_ARN, CUSTOM_ROLE_ARN];
    const pairs: string[] = [];
    let pages = 0;
    for await (const page of paginateSimulatePrincipalPolicy({ client: iam, pageSize: 3 }, { PolicySourceArn: CALLER_ARN, ActionNames: WIZARD_ACTIONS, ResourceArns: resources })) {
      pages += 1;
      expect(page.EvaluationResults?.length).toBeLessThanOrEqual(3);
      expect(page.IsTruncated).toBe(page.Marker !== undefined);
      pairs.push(...(page.EvaluationResults ?? []).map((result) => `${result.EvalActionName} ${result.EvalResourceName} ${result.EvalDecision}`));
    }
    expect(pages).toBe(3);
    expect(pairs).toEqual(WIZARD_ACTIONS.flatMap((action) => resources.map((resource) => `${action} ${resource} allowed`)));
  });

  it("evaluates a role's own policies: allowed where they grant, implicitDeny elsewhere, explicitDeny over an Allow", async () => {
    const { iam } = await start({ state: createTestState() });
    await iam.send(new CreateRoleCommand({ RoleName: 'MaintenanceWindowRole', AssumeRolePolicyDocument: TRUST_SSM }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'MaintenanceWindowRole', PolicyArn: getMaintenanceWindowPolicyArn('aws') }));
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'MaintenanceWindowRole',
        PolicyName: 'no-cancel',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ssm:Cancel*', Resource: '*' }] }),
      }),
    );
    const output = await iam.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: CUSTOM_ROLE_ARN, ActionNames: ['ssm:SendCommand', 'iam:DeleteServiceLinkedRole', 'ssm:CancelCommand'] }),
    );
    const byAction = Object.fromEntries((output.EvaluationResults ?? []).map((result) => [result.EvalActionName, result]));
    expect(byAction['ssm:SendCommand']?.EvalDecision).toBe('allowed');
    expect(byAction['ssm:SendCommand']?.MatchedStatements?.[0]).toEqual({ SourcePolicyId: 'AmazonSSMMaintenanceWindowRole', SourcePolicyType: 'aws-managed' });
    expect(byAction['iam:DeleteServiceLinkedRole']?.EvalDecision).toBe('implicitDeny');
    expect(byAction['iam:DeleteServiceLinkedRole']?.MatchedStatements ?? []).toEqual([]);
    expect(byAction['ssm:CancelCommand']?.EvalDecision).toBe('explicitDeny');
    expect(byAction['ssm:CancelCommand']?.MatchedStatements).toEqual([{ SourcePolicyId: 'no-cancel', SourcePolicyType: 'role' }]);
  });

  it('refuses a malformed source ARN with InvalidInput, and unknown principals with NoSuchEntity', async () => {
    const { iam } = await start({ state: createTestState() });
    const simulate = (arn: string) => captureError(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ['iam:GetRole'] })));
    const malformed = await simulate('arn:aws:s3:::some-bucket-name');
    expect(malformed).toBeInstanceOf(InvalidInputException);
    expect(malformed.$metadata?.httpStatusCode).toBe(400);
    for (const arn of ['arn:aws:iam::123456789012:user/someone-else', 'arn:aws:iam::123456789012:role/NoSuchRole', 'arn:aws:iam::210987654321:user/sandbox-admin', 'arn:aws:iam::123456789012:role/AWSServiceRoleForAmazonSSM']) {
      const missing = await simulate(arn);
      expect(missing, arn).toBeInstanceOf(NoSuchEntityException);
      expect(missing.$metadata?.httpStatusCode).toBe(404);
    }
    const withoutActions = await captureError(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: CALLER_ARN, ActionNames: undefined })));
    expect(withoutActions.name).toBe('ValidationError');
    const badMax = await captureError(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: CALLER_ARN, ActionNames: ['iam:GetRole'], MaxItems: 0 })));
    expect(badMax.name).toBe('ValidationError');
  });

  it('answers AccessDenied when the accessDenied fault names it, and only it', async () => {
    const { iam } = await start({ state: createTestState(), faults: [{ service: 'iam', operation: 'SimulatePrincipalPolicy', accessDenied: true }] });
    const denied = await captureError(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: CALLER_ARN, ActionNames: ['iam:GetRole'] })));
    expect(denied.name).toBe('AccessDenied');
    expect(denied.$metadata?.httpStatusCode).toBe(403);
    expect(denied.message).toContain('iam:SimulatePrincipalPolicy');
    expect((await iam.send(new GetRoleCommand({ RoleName: ROLE_NAME }))).Role?.Arn).toBe(ROLE_ARN);
  });
});
