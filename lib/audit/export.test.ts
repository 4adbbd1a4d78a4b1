import { describe, expect, it } from 'vitest';
import { AUDIT_CSV_COLUMNS, getAuditExportFileName, toAuditCsv, toAuditJson, toAuditTable } from '@/lib/audit/export';
import { toAuditOverview, toOverviewEvent } from '@/lib/audit/summary';
import type { AuditResult, RegionAudit } from '@/lib/audit/types';

function region(code: string, overrides: Partial<RegionAudit>): RegionAudit {
  return {
    region: { code, name: `Name of ${code}`, optInStatus: 'opt-in-not-required', isEnabled: true },
    status: { kind: 'ok' },
    findings: null,
    warnings: [],
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    callCount: 0,
    ...overrides,
  };
}

const audit: AuditResult = {
  id: 'a1',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:02.500Z',
  target: { target: 'aws', accountId: '111122223333', callerArn: 'arn:aws:iam::111122223333:user/x', partition: 'aws' },
  roleArn: 'arn:aws:iam::111122223333:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM',
  roleExists: true,
  regions: [
    region('us-east-1', {
      findings: {
        windows: [
          {
            windowId: 'mw-0123456789abcdef0',
            name: 'w',
            isEnabled: true,
            tasks: [
              {
                windowId: 'mw-0123456789abcdef0',
                windowTaskId: 't1',
                arn: 'arn:aws:ssm:us-east-1:111122223333:windowtask/mw-0123456789abcdef0/t1',
                type: 'RUN_COMMAND',
                taskArn: 'AWS-RunPatchBaseline',
                serviceRoleArn: null,
                roleUse: 'service-linked-implicit',
                reliesOnRole: true,
                targets: [],
              },
            ],
          },
        ],
        inventoryAssociations: [],
        dataSyncs: [],
        resourceGroups: [],
        taggedResources: { count: 4, sample: [] },
      },
      warnings: ['Tagged resources could not be read (AccessDeniedException: no, really)'],
    }),
    region('eu-west-1', {
      status: { kind: 'error', error: { kind: 'service', code: 'InternalServerError', message: '=HYPERLINK("x")', requestId: 'r-1' } },
    }),
  ],
  verdict: { kind: 'blocked', blockingTasks: 1, blockingRegions: ['us-east-1'], unknownRegions: ['eu-west-1'] },
};

describe('audit export', () => {
  it('writes one CSV row per region, with empty figures for a region that was not read', () => {
    const lines = toAuditCsv(audit).trimEnd().split('\r\n');
    expect(lines[0]).toBe(AUDIT_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      [
        '2026-01-01T00:00:02.500Z',
        'aws',
        '111122223333',
        'us-east-1',
        'Name of us-east-1',
        'opt-in-not-required',
        'Scanned',
        '',
        '1',
        '1',
        '0',
        '0',
        '0',
        '0',
        '4',
        'arn:aws:ssm:us-east-1:111122223333:windowtask/mw-0123456789abcdef0/t1',
        '"Tagged resources could not be read (AccessDeniedException: no, really)"',
      ].join(','),
    );
    // Quoted because of the comma and quotes; the status detail starts with the code, so no formula guard is needed.
    expect(lines[2]).toContain(',Error,"InternalServerError: =HYPERLINK(""x"") (request id r-1)",,,,,,,,,');
  });

  it('guards cells a spreadsheet would run as formulas', () => {
    const formula = { ...audit, target: { ...audit.target, accountId: '=1+1' } };
    expect(toAuditCsv(formula).split('\r\n')[1]).toContain(",'=1+1,");
  });

  it('writes JSON with the whole audit and names the file after the account and time', () => {
    const parsed = JSON.parse(toAuditJson(audit, '2026-01-02T00:00:00.000Z')) as { exportedAt: string; verdictSummary: string; audit: AuditResult };
    expect(parsed.audit).toEqual(audit);
    expect(parsed.verdictSummary).toMatch(/^Deletion blocked: 1 maintenance-window task in 1 region relies on the role\. 1 more region could not be read\.$/);
    expect(getAuditExportFileName(audit, 'csv')).toBe('ssm-role-audit-111122223333-2026-01-01T00-00-02Z.csv');
  });

  it('summarises regions for the browser without their findings', () => {
    const overview = toAuditOverview(audit);
    expect(overview.regions.map((entry) => entry.counts?.tasksOnRole ?? null)).toEqual([1, null]);
    expect(JSON.stringify(overview)).not.toContain('AWS-RunPatchBaseline');
    const event = toOverviewEvent({ type: 'region', auditId: 'a1', region: audit.regions[0]!, done: 1, total: 2 });
    expect(event).toMatchObject({ type: 'region', region: { counts: { windows: 1, taggedResources: 4 } } });
  });

  it('prints an aligned table for a terminal: the verdict, one row per region, "?" where a region was not read', () => {
    const withDisabled: AuditResult = {
      ...audit,
      regions: [...audit.regions, region('ap-east-1', { region: { code: 'ap-east-1', name: 'x', optInStatus: 'not-opted-in', isEnabled: false }, status: { kind: 'not-enabled' } })],
    };
    const lines = toAuditTable(withDisabled).split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Account 111122223333 (aws), scanned 2026-01-01T00:00:02.500Z',
      `Role ${audit.roleArn}: present`,
      'Deletion blocked: 1 maintenance-window task in 1 region relies on the role. 1 more region could not be read.',
    ]);
    expect(lines[4]).toBe('REGION     STATUS       WINDOWS  TASKS ON ROLE  CUSTOM ROLE  INVENTORY  SYNCS  GROUPS  TAGGED');
    expect(lines[5]).toBe('us-east-1  Scanned      1        1              0            0          0      0       4');
    expect(lines[6]).toBe('eu-west-1  Error        ?        ?              ?            ?          ?      ?       ?');
    expect(lines[7]).toBe('ap-east-1  Not enabled  -        -              -            -          -      -       -');
    expect(lines).toContain('  eu-west-1: InternalServerError: =HYPERLINK("x") (request id r-1)');
  });
});
