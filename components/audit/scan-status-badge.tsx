import { Badge, type Tone } from '@/components/ui/badge';
import { describeStatus, getStatusLabel } from '@/lib/audit/summary';
import type { RegionScanStatus } from '@/lib/audit/types';

const tones: Record<RegionScanStatus['kind'], Tone> = {
  ok: 'success',
  'not-enabled': 'neutral',
  'no-ssm': 'neutral',
  'access-denied': 'danger',
  throttled: 'warning',
  'timed-out': 'warning',
  error: 'danger',
};

export function ScanStatusBadge({ status }: { status: RegionScanStatus }) {
  return (
    <Badge tone={tones[status.kind]} title={describeStatus(status)}>
      {getStatusLabel(status)}
    </Badge>
  );
}
