'use client';

import { useMemo, useState } from 'react';
import { formatDateTime } from '@/components/ui/date-time';
import { FilterSelect } from '@/components/ui/filter-select';
import { Table, TBody, Td, Th } from '@/components/ui/table';
import type { TimelineEntry } from '@/lib/evidence/timeline';

// The role's CloudTrail events across regions, filterable by region, event and text.

export function EvidenceTimeline({ entries }: { entries: TimelineEntry[] }) {
  const [region, setRegion] = useState('');
  const [event, setEvent] = useState('');
  const [text, setText] = useState('');
  const regions = useMemo(() => [...new Set(entries.map((entry) => entry.region))].sort(), [entries]);
  const events = useMemo(() => [...new Set(entries.map((entry) => entry.event))].sort(), [entries]);
  const needle = text.trim().toLowerCase();
  const shown = entries.filter(
    (entry) =>
      (region === '' || entry.region === region) &&
      (event === '' || entry.event === event) &&
      (needle === '' || [entry.actor, ...entry.touched].some((value) => value.toLowerCase().includes(needle))),
  );
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <FilterSelect
          label="Region"
          ariaLabel="Filter the timeline by region"
          allLabel="All regions"
          value={region}
          options={regions.map((code) => ({ value: code, label: code }))}
          onChange={setRegion}
        />
        <FilterSelect
          label="Event"
          ariaLabel="Filter the timeline by event"
          allLabel="All events"
          value={event}
          options={events.map((name) => ({ value: name, label: name }))}
          onChange={setEvent}
        />
        <label className="flex flex-col gap-1">
          <span className="text-xs font-medium text-slate-600">Caller or resource</span>
          <input
            className="rounded border border-slate-300 px-2 py-1"
            value={text}
            onChange={(change) => setText(change.target.value)}
            aria-label="Filter the timeline by caller or resource"
            placeholder="e.g. SendCommand, i-0…"
          />
        </label>
        <p className="text-xs text-slate-600" aria-live="polite">
          {shown.length} of {entries.length} events
        </p>
      </div>
      <Table caption="CloudTrail events of the role">
        <thead>
          <tr>
            <Th>Time</Th>
            <Th>Region</Th>
            <Th>Event</Th>
            <Th>By</Th>
            <Th>What the session touched</Th>
          </tr>
        </thead>
        <TBody>
          {shown.map((entry) => (
            <tr key={entry.id} data-event-id={entry.id}>
              <Td className="whitespace-nowrap">
                <time dateTime={entry.time}>{formatDateTime(entry.time)}</time>
              </Td>
              <Td>{entry.region}</Td>
              <Td>{entry.event}</Td>
              <Td>{entry.actor}</Td>
              <Td>
                {entry.isTouchedKnown ? (
                  entry.touched.length > 0 ? (
                    <ul className="list-inside list-disc">
                      {entry.touched.map((item, index) => (
                        <li key={index}>{item}</li>
                      ))}
                    </ul>
                  ) : (
                    <span className="text-slate-500">no recorded calls</span>
                  )
                ) : (
                  <span className="text-slate-500">not looked up (older session)</span>
                )}
              </Td>
            </tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
