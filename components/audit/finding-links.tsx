import { CopyButton } from '@/components/ui/copy-button';
import type { FindingLinks } from '@/lib/audit/console-links';

// The console page of a finding and the AWS CLI command that shows it, ready to copy.

export function FindingLinksView({ links, subject }: { links: FindingLinks; subject: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs">
      <a href={links.consoleUrl} target="_blank" rel="noreferrer noopener" className="text-indigo-700 hover:underline">
        Open {subject} in the AWS console<span className="sr-only"> (opens in a new tab)</span>
      </a>
      <code className="max-w-full overflow-x-auto rounded bg-slate-100 px-1.5 py-0.5 font-mono whitespace-nowrap text-slate-700">{links.cliCommand}</code>
      <CopyButton text={links.cliCommand} label={`AWS CLI command for ${subject}`} />
    </div>
  );
}

export function TargetList({ targets }: { targets: Array<{ key: string; values: string[] }> }) {
  if (targets.length === 0) return <span className="text-slate-500">No targets</span>;
  return (
    <div className="space-y-0.5">
      {targets.map((target, index) => (
        <p key={`${target.key}-${index}`} className="font-mono text-xs break-all">
          {target.key}={target.values.join(',')}
        </p>
      ))}
    </div>
  );
}
