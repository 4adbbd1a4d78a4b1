'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import type { ActionResult } from '@/lib/actions/result';

// The state of a form that sends the role's description to a server action: the text, the pending flag, the
// action's refusal (shown at the field) or its success (shown below the form), and a refresh of the page on success.

export function useDescriptionForm<Data>(
  initialDescription: string,
  /** Sends the description (the caller adds anything else the action takes, such as the account). */
  send: (description: string) => Promise<ActionResult<Data>>,
  describeSuccess: (data: Data) => string,
) {
  const router = useRouter();
  const [description, setDescription] = useState(initialDescription);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [isPending, startTransition] = useTransition();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setResult(null);
    startTransition(async () => {
      const response = await send(description);
      if (!response.ok) {
        setResult({ ok: false, message: response.message });
        return;
      }
      setResult({ ok: true, message: describeSuccess(response.data) });
      router.refresh();
    });
  };

  return {
    description,
    setDescription,
    isPending,
    onSubmit,
    error: result && !result.ok ? result.message : null,
    success: result?.ok ? result.message : null,
  };
}
