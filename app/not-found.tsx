import { ButtonLink } from '@/components/ui/button';

export default function NotFound() {
  return (
    <section aria-labelledby="not-found-title" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 id="not-found-title" className="text-lg font-semibold text-slate-900">
        Page not found
      </h1>
      <p className="mt-2 text-sm text-slate-600">There is nothing at this address.</p>
      <ButtonLink href="/" className="mt-4">
        Back to the overview
      </ButtonLink>
    </section>
  );
}
