import { Alert } from '@/components/ui/alert';

// What a page shows instead of any data when its `?account=` cannot be shown.

export function AccountRefused({ message }: { message: string }) {
  return (
    <Alert tone="danger" title="This account cannot be shown">
      <p>{message}</p>
    </Alert>
  );
}
