'use client';

import { useId, useState, type ReactNode } from 'react';
import { Button } from './button';

// Content shown on demand behind a toggle button (aria-expanded), e.g. raw JSON.

export function Disclosure({ showLabel, hideLabel, children }: { showLabel: string; hideLabel: string; children: ReactNode }) {
  const [isOpen, setIsOpen] = useState(false);
  const id = useId();
  return (
    <div>
      <Button size="sm" aria-expanded={isOpen} aria-controls={id} onClick={() => setIsOpen((open) => !open)}>
        {isOpen ? hideLabel : showLabel}
      </Button>
      <div id={id} hidden={!isOpen} className="mt-3">
        {isOpen ? children : null}
      </div>
    </div>
  );
}
