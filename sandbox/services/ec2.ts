import { SandboxError, type HandlerContext, type RegionState, type ServiceDefinition } from '../types';

// EC2 DescribeRegions: the account's regions and whether each is enabled, from the state's regions.

const FILTERS: Record<string, (region: RegionState) => string> = {
  'opt-in-status': (region) => region.optInStatus,
  'region-name': (region) => region.code,
  endpoint: (region) => `ec2.${region.code}.amazonaws.com`,
};

function toStringList(value: unknown): string[] {
  if (value === undefined || value === '') return [];
  if (Array.isArray(value)) return value.map(String);
  return [String(value)];
}

function describeRegions(ctx: HandlerContext, input: Record<string, unknown>): unknown {
  const allRegions = String(input.AllRegions ?? 'false').toLowerCase() === 'true';
  const regionNames = toStringList(input.RegionName);
  const filters = (Array.isArray(input.Filter) ? input.Filter : []).map((filter: unknown) => {
    const entry = (filter ?? {}) as Record<string, unknown>;
    const name = String(entry.Name ?? '');
    const read = FILTERS[name];
    if (!read) throw new SandboxError('InvalidParameterValue', `The filter '${name}' is invalid`, 400);
    return { read, values: new Set(toStringList(entry.Value)) };
  });
  return ctx.store.read((state) => {
    const account = state.accounts[ctx.accountId];
    if (!account) throw new SandboxError('InternalError', 'An internal error has occurred', 500);
    const unknown = regionNames.filter((name) => !account.regions[name]);
    if (unknown.length > 0) throw new SandboxError('InvalidParameterValue', `Invalid region names: ${unknown.join(', ')}`, 400);
    const regions = Object.values(account.regions)
      .filter((region) => allRegions || region.optInStatus !== 'not-opted-in')
      .filter((region) => regionNames.length === 0 || regionNames.includes(region.code))
      .filter((region) => filters.every((filter) => filter.values.has(filter.read(region))))
      .sort((a, b) => a.code.localeCompare(b.code));
    return {
      regionInfo: regions.map((region) => ({
        regionName: region.code,
        regionEndpoint: `ec2.${region.code}.amazonaws.com`,
        optInStatus: region.optInStatus,
      })),
    };
  });
}

export const ec2Service: ServiceDefinition = {
  service: 'ec2',
  operations: { DescribeRegions: describeRegions },
};
