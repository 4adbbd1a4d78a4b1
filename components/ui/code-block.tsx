import { CopyButton } from './copy-button';

// Preformatted text (JSON, ARNs, commands) with a copy button.

export function CodeBlock({ code, label, maxHeight = true }: { code: string; label: string; maxHeight?: boolean }) {
  return (
    <div className="relative rounded-md border border-slate-200 bg-slate-50">
      <div className="absolute top-2 right-2">
        <CopyButton text={code} label={label} />
      </div>
      <pre
        aria-label={label}
        tabIndex={0}
        className={`overflow-auto p-3 pr-20 font-mono text-xs leading-relaxed text-slate-800 ${maxHeight ? 'max-h-[32rem]' : ''}`}
      >
        <code>{code}</code>
      </pre>
    </div>
  );
}
