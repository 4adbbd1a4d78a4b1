import { Alert } from '@/components/ui/alert';

// What a role form says once its action succeeded, announced to screen readers; nothing before.

export function SuccessStatus({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert tone="success">
      <p role="status">{message}</p>
    </Alert>
  );
}
