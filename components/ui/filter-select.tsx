// A labelled drop-down that filters a list: an "all" choice (the empty value) followed by the given options.

export interface FilterOption {
  value: string;
  label: string;
}

export function FilterSelect({
  label,
  allLabel,
  value,
  options,
  onChange,
  ariaLabel,
}: {
  label: string;
  /** A fuller accessible name than the visible label, when the label alone is ambiguous on the page. */
  ariaLabel?: string;
  /** The first choice, which filters nothing. */
  allLabel: string;
  value: string;
  options: readonly FilterOption[];
  onChange: (value: string) => void;
}) {
  return (
    <label className="flex flex-col text-xs font-medium text-slate-600">
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)} aria-label={ariaLabel} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
