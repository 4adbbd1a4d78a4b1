import { CodeBlock } from '@/components/ui/code-block';

// The AWS CLI equivalent of a planned change, ready to copy.

export function CliCommand({ commands, label = 'AWS CLI command' }: { commands: string | string[]; label?: string }) {
  const text = Array.isArray(commands) ? commands.join('\n') : commands;
  return (
    <div className="space-y-1">
      <p className="text-xs font-medium text-slate-600">{label}</p>
      <CodeBlock code={text} label={label} maxHeight={false} />
    </div>
  );
}
