import { CodeBlock } from '@/components/ui/code-block';
import { Disclosure } from '@/components/ui/disclosure';

// A decoded policy document, hidden until asked for, with a copy button.

export function RawJson({ json, label }: { json: string; label: string }) {
  return (
    <Disclosure showLabel={`Show raw JSON: ${label}`} hideLabel={`Hide raw JSON: ${label}`}>
      <CodeBlock code={json} label={label} />
    </Disclosure>
  );
}
