import { PageSkeleton } from '@/components/ui/skeleton';

export default function RoleLoading() {
  return <PageSkeleton label="Loading the role and its permissions…" cards={3} />;
}
