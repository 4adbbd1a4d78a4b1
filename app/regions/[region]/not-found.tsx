import Link from 'next/link';
import { Alert } from '@/components/ui/alert';

export default function RegionNotFound() {
  return (
    <Alert tone="warning" title="Unknown region">
      <p>
        That is not a region code of the commercial partition.{' '}
        <Link href="/regions" className="font-medium underline">
          See every region
        </Link>
        .
      </p>
    </Alert>
  );
}
