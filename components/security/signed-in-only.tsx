import type { ReactNode } from 'react';
import { hasSession } from '@/lib/security/guard';

// Renders its children only for a visitor with a session (or when access control is off): what the account
// is, and who the caller is, are not shown on the sign-in page.

export async function SignedInOnly({ children, fallback = null }: { children: ReactNode; fallback?: ReactNode }) {
  return (await hasSession()) ? children : fallback;
}
