import { connection } from 'next/server';
import { Alert } from '@/components/ui/alert';
import { getTargetStatus, type TargetProblem } from '@/lib/target';

// Explains why the dashboard cannot read the target, and how to fix it. Shown above every page while it lasts.

/** A fix in words, with `commands` set in code type. */
function FixText({ text }: { text: string }) {
  return text.split('`').map((part, index) =>
    index % 2 === 1 ? (
      <code key={index} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-900">
        {part}
      </code>
    ) : (
      part
    ),
  );
}

export function TargetProblemPanel({ problem, endpoint }: { problem: TargetProblem; endpoint: string }) {
  return (
    <section aria-labelledby="target-problem-title" className="rounded-lg border border-red-200 bg-white p-5 shadow-sm">
      <h2 id="target-problem-title" className="text-lg font-semibold text-red-800">
        {problem.title}
      </h2>
      <p className="mt-2 text-sm text-slate-700">{problem.detail}</p>
      <p className="mt-1 text-sm text-slate-500">Target: {endpoint}</p>
      <h3 className="mt-4 text-sm font-semibold text-slate-900">How to fix it</h3>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
        {problem.fixes.map((fix) => (
          <li key={fix}>
            <FixText text={fix} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Renders the problem panel when the target cannot be read, and nothing otherwise. */
export async function TargetProblemBanner() {
  await connection();
  const status = await getTargetStatus();
  if (status.ok) return null;
  return (
    <div className="mb-6">
      <Alert tone="danger" urgent title="The dashboard cannot read the target account" className="mb-3">
        <p>Pages stay empty until this is fixed.</p>
      </Alert>
      <TargetProblemPanel problem={status.problem} endpoint={status.endpoint} />
    </div>
  );
}
