import {
  AccessDeniedException,
  AWSOrganizationsNotInUseException,
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  TooManyRequestsException,
  type Account,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { describe, expect, it } from 'vitest';
import { AwsError } from '@/lib/aws/errors';
import { getListedStructure, readOrganizationStructure } from '@/lib/org/structure';

// The organization's tree, read through a stand-in Organizations client that pages as AWS does (short pages
// with a token still following) and throws the SDK's own error classes.

interface FakeOrg {
  units: Record<string, Array<{ Id: string; Name: string }>>;
  accounts: Record<string, Account[]>;
}

function account(id: string, name: string, status: Account['Status'] = 'ACTIVE'): Account {
  return { Id: id, Name: name, Arn: `arn:aws:organizations::999999999999:account/o-abc/${id}`, Email: `${name}@example.com`, Status: status, State: status };
}

/** Pages of at most `pageSize` items, and a first page one item short while a token follows. */
function page<T>(items: T[], token: string | undefined, pageSize: number): { items: T[]; next?: string } {
  const start = Number(token ?? 0);
  const size = start === 0 && items.length > 1 ? Math.min(pageSize, items.length) - 1 : pageSize;
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { next: String(end) } : {}) };
}

function fakeClient(org: FakeOrg, calls: string[] = [], failWith?: Error): OrganizationsClient {
  return {
    send: async (command: { input: { ParentId?: string; NextToken?: string; MaxResults?: number } }) => {
      calls.push(`${command.constructor.name}:${command.input.ParentId ?? ''}:${command.input.NextToken ?? ''}:${command.input.MaxResults ?? ''}`);
      if (failWith) throw failWith;
      const pageSize = command.input.MaxResults ?? 20;
      if (command instanceof DescribeOrganizationCommand) return { Organization: { Id: 'o-abc', MasterAccountId: '999999999999' } };
      if (command instanceof ListRootsCommand) return { Roots: [{ Id: 'r-root', Name: 'Root', Arn: 'arn:root' }] };
      if (command instanceof ListOrganizationalUnitsForParentCommand) {
        const result = page(org.units[command.input.ParentId ?? ''] ?? [], command.input.NextToken, pageSize);
        return { OrganizationalUnits: result.items, NextToken: result.next };
      }
      if (command instanceof ListAccountsForParentCommand) {
        const result = page(org.accounts[command.input.ParentId ?? ''] ?? [], command.input.NextToken, pageSize);
        return { Accounts: result.items, NextToken: result.next };
      }
      throw new Error(`unexpected ${command.constructor.name}`);
    },
  } as unknown as OrganizationsClient;
}

const workloads = Array.from({ length: 45 }, (_, index) => account(String(100000000000 + index), `workload-${String(index).padStart(2, '0')}`));

const org: FakeOrg = {
  units: {
    'r-root': [
      { Id: 'ou-work', Name: 'Workloads' },
      { Id: 'ou-sec', Name: 'Security' },
    ],
    'ou-work': [{ Id: 'ou-prod', Name: 'Prod' }],
  },
  accounts: {
    'r-root': [account('999999999999', 'management')],
    'ou-work': workloads,
    'ou-prod': [account('200000000001', 'prod-a'), account('200000000002', 'prod-closed', 'SUSPENDED')],
    'ou-sec': [account('300000000001', 'audit')],
  },
};

const metadata = { $metadata: { httpStatusCode: 400 } };

describe('readOrganizationStructure', () => {
  it('follows every page, short ones included, and places each account in its unit', async () => {
    const calls: string[] = [];
    const structure = await readOrganizationStructure({ client: fakeClient(org, calls), callerAccountId: '999999999999' });
    expect(structure.accounts).toHaveLength(49);
    expect(new Set(structure.accounts.map((entry) => entry.id)).size).toBe(49);
    // 45 accounts at 20 a page, the first page one short: 19 + 20 + 6.
    expect(calls.filter((call) => call.startsWith('ListAccountsForParentCommand:ou-work:'))).toHaveLength(3);
    // Every list asks for AWS's largest page.
    expect(calls.filter((call) => call.startsWith('List')).every((call) => call.endsWith(':20'))).toBe(true);
    const byId = new Map(structure.accounts.map((entry) => [entry.id, entry]));
    expect(byId.get('200000000001')).toMatchObject({ parentId: 'ou-prod', ouPath: ['Workloads', 'Prod'], isCaller: false });
    expect(byId.get('999999999999')).toMatchObject({ parentId: 'r-root', ouPath: [], isCaller: true, name: 'management' });
    expect(byId.get('200000000002')).toMatchObject({ status: 'SUSPENDED', state: 'SUSPENDED' });
    expect(structure.tree[0]?.children.map((unit) => unit.name)).toEqual(['Security', 'Workloads']);
    expect(structure.tree[0]?.children[1]?.children[0]).toMatchObject({ id: 'ou-prod', accountIds: ['200000000001', '200000000002'] });
    expect(structure).toMatchObject({ source: 'organizations', organizationId: 'o-abc', managementAccountId: '999999999999' });
  });

  it('maps the errors an organization read can meet to the app’s error kinds', async () => {
    const cases: Array<[Error, string]> = [
      [new AWSOrganizationsNotInUseException({ message: 'Your account is not a member of an organization.', ...metadata }), 'not-in-organization'],
      [new AccessDeniedException({ message: 'You don’t have permissions to access this resource.', ...metadata }), 'access-denied'],
      [new TooManyRequestsException({ message: 'AWS Organizations can’t complete your request because another request is already in progress.', ...metadata }), 'throttled'],
    ];
    for (const [error, kind] of cases) {
      const failure = await readOrganizationStructure({ client: fakeClient(org, [], error), callerAccountId: '999999999999' }).catch((caught: unknown) => caught);
      expect(failure).toBeInstanceOf(AwsError);
      expect((failure as AwsError).kind).toBe(kind);
    }
  });
});

describe('getListedStructure', () => {
  it('lists the given accounts flat, named by id, with the caller marked', () => {
    const structure = getListedStructure(['111122223333', '123456789012'], '123456789012');
    expect(structure.source).toBe('account-list');
    expect(structure.accounts.map((entry) => [entry.id, entry.name, entry.isCaller])).toEqual([
      ['111122223333', '111122223333', false],
      ['123456789012', '123456789012', true],
    ]);
    expect(structure.tree[0]?.accountIds).toEqual(['111122223333', '123456789012']);
  });
});
