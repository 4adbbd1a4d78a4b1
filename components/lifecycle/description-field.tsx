'use client';

import { useId } from 'react';

// A role-description textarea with a live count and the same rule IAM applies (checked again on the server).

export const DESCRIPTION_MAX_LENGTH = 1000;
const DESCRIPTION_PATTERN = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/;

export function getDescriptionProblem(value: string): string | null {
  if (value.length > DESCRIPTION_MAX_LENGTH) return `${value.length - DESCRIPTION_MAX_LENGTH} characters too long: IAM allows at most ${DESCRIPTION_MAX_LENGTH}.`;
  if (!DESCRIPTION_PATTERN.test(value)) return 'Only printable Latin-1 characters, tabs and line breaks are allowed (no emoji or other scripts).';
  return null;
}

export function DescriptionField({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
}) {
  const id = useId();
  const countId = useId();
  const errorId = useId();
  const problem = getDescriptionProblem(value);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={id}
        name="description"
        rows={3}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={error ? `${countId} ${errorId}` : countId}
        aria-invalid={error || problem ? true : undefined}
        className="mt-1 block w-full max-w-2xl rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      <p id={countId} className={problem ? 'mt-1 text-xs text-red-700' : 'mt-1 text-xs text-slate-600'}>
        {value.length} / {DESCRIPTION_MAX_LENGTH} characters{problem ? ` — ${problem}` : ''}
      </p>
      {error ? (
        <p id={errorId} role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
