// The regions of the commercial partition (34 in 2026; opt-in: launched after 2019-03-20), of AWS GovCloud (US)
// and of China, with their names. Plain data shared by the app and the sandbox.

export interface KnownRegion {
  code: string;
  name: string;
  isOptIn: boolean;
}

export const COMMERCIAL_REGIONS: readonly KnownRegion[] = [
  { code: 'af-south-1', name: 'Africa (Cape Town)', isOptIn: true },
  { code: 'ap-east-1', name: 'Asia Pacific (Hong Kong)', isOptIn: true },
  { code: 'ap-east-2', name: 'Asia Pacific (Taipei)', isOptIn: true },
  { code: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)', isOptIn: false },
  { code: 'ap-northeast-2', name: 'Asia Pacific (Seoul)', isOptIn: false },
  { code: 'ap-northeast-3', name: 'Asia Pacific (Osaka)', isOptIn: false },
  { code: 'ap-south-1', name: 'Asia Pacific (Mumbai)', isOptIn: false },
  { code: 'ap-south-2', name: 'Asia Pacific (Hyderabad)', isOptIn: true },
  { code: 'ap-southeast-1', name: 'Asia Pacific (Singapore)', isOptIn: false },
  { code: 'ap-southeast-2', name: 'Asia Pacific (Sydney)', isOptIn: false },
  { code: 'ap-southeast-3', name: 'Asia Pacific (Jakarta)', isOptIn: true },
  { code: 'ap-southeast-4', name: 'Asia Pacific (Melbourne)', isOptIn: true },
  { code: 'ap-southeast-5', name: 'Asia Pacific (Malaysia)', isOptIn: true },
  { code: 'ap-southeast-6', name: 'Asia Pacific (New Zealand)', isOptIn: true },
  { code: 'ap-southeast-7', name: 'Asia Pacific (Thailand)', isOptIn: true },
  { code: 'ca-central-1', name: 'Canada (Central)', isOptIn: false },
  { code: 'ca-west-1', name: 'Canada West (Calgary)', isOptIn: true },
  { code: 'eu-central-1', name: 'Europe (Frankfurt)', isOptIn: false },
  { code: 'eu-central-2', name: 'Europe (Zurich)', isOptIn: true },
  { code: 'eu-north-1', name: 'Europe (Stockholm)', isOptIn: false },
  { code: 'eu-south-1', name: 'Europe (Milan)', isOptIn: true },
  { code: 'eu-south-2', name: 'Europe (Spain)', isOptIn: true },
  { code: 'eu-west-1', name: 'Europe (Ireland)', isOptIn: false },
  { code: 'eu-west-2', name: 'Europe (London)', isOptIn: false },
  { code: 'eu-west-3', name: 'Europe (Paris)', isOptIn: false },
  { code: 'il-central-1', name: 'Israel (Tel Aviv)', isOptIn: true },
  { code: 'me-central-1', name: 'Middle East (UAE)', isOptIn: true },
  { code: 'me-south-1', name: 'Middle East (Bahrain)', isOptIn: true },
  { code: 'mx-central-1', name: 'Mexico (Central)', isOptIn: true },
  { code: 'sa-east-1', name: 'South America (São Paulo)', isOptIn: false },
  { code: 'us-east-1', name: 'US East (N. Virginia)', isOptIn: false },
  { code: 'us-east-2', name: 'US East (Ohio)', isOptIn: false },
  { code: 'us-west-1', name: 'US West (N. California)', isOptIn: false },
  { code: 'us-west-2', name: 'US West (Oregon)', isOptIn: false },
];

/** AWS GovCloud (US), partition aws-us-gov: its own two regions, neither opt-in. */
export const GOVCLOUD_REGIONS: readonly KnownRegion[] = [
  { code: 'us-gov-east-1', name: 'AWS GovCloud (US-East)', isOptIn: false },
  { code: 'us-gov-west-1', name: 'AWS GovCloud (US-West)', isOptIn: false },
];

/** The China partition, aws-cn. */
export const CHINA_REGIONS: readonly KnownRegion[] = [
  { code: 'cn-north-1', name: 'China (Beijing)', isOptIn: false },
  { code: 'cn-northwest-1', name: 'China (Ningxia)', isOptIn: false },
];

const byCode = new Map([...COMMERCIAL_REGIONS, ...GOVCLOUD_REGIONS, ...CHINA_REGIONS].map((region) => [region.code, region]));

export function findRegion(code: string): KnownRegion | undefined {
  return byCode.get(code);
}

export function isKnownRegion(code: string): boolean {
  return byCode.has(code);
}

export function getRegionName(code: string): string {
  return byCode.get(code)?.name ?? code;
}

type RegionFamily = 'aws' | 'aws-cn' | 'aws-us-gov' | 'isolated';

/** What a region code's prefix says of its partition; the isolated partitions' regions are told apart no further. */
function getRegionFamily(code: string): RegionFamily {
  if (code.startsWith('cn-')) return 'aws-cn';
  if (code.startsWith('us-gov-')) return 'aws-us-gov';
  if (code.startsWith('iso') || code.startsWith('us-iso')) return 'isolated';
  return 'aws';
}

/** The partition of a home region: cn-* → aws-cn, us-gov-* → aws-us-gov, otherwise aws. */
export function getPartitionOfRegion(code: string): string {
  const family = getRegionFamily(code);
  return family === 'isolated' ? 'aws' : family;
}

/** Whether a region code belongs to a partition. AWS's public parameters list every partition's regions. */
export function isRegionInPartition(code: string, partition: string): boolean {
  const family = getRegionFamily(code);
  // The isolated partitions (aws-iso, aws-iso-b, …) hold only their own regions.
  if (family === 'isolated') return partition !== 'aws' && partition !== 'aws-cn' && partition !== 'aws-us-gov';
  return family === partition;
}
