import { describe, expect, it } from 'vitest';
import type { TrailEventRecord } from '@/lib/aws/types';
import { describeCreationEvent, pickCreationEvent } from '@/lib/watch/creation-event';

function event(overrides: Partial<TrailEventRecord>): TrailEventRecord {
  return { eventId: 'e', eventName: 'CreateServiceLinkedRole', eventSource: 'iam.amazonaws.com', eventTime: '', region: 'us-east-1', readOnly: false, resources: [], ...overrides };
}

describe('the event that created the role', () => {
  const createDate = '2026-11-29T10:10:00.000Z';

  it('is the write closest to the role’s CreateDate within two minutes', () => {
    const picked = pickCreationEvent(
      [
        event({ eventId: 'far', eventTime: '2026-11-29T10:20:00.000Z' }),
        event({ eventId: 'near', eventTime: '2026-11-29T10:10:01.000Z', invokedBy: 'ssm.amazonaws.com' }),
        event({ eventId: 'read', eventTime: '2026-11-29T10:10:00.000Z', readOnly: true }),
        event({ eventId: 'early', eventTime: '2026-11-29T10:09:00.000Z' }),
      ],
      createDate,
    );
    expect(picked?.eventId).toBe('near');
    expect(describeCreationEvent(picked!)).toBe('CreateServiceLinkedRole in us-east-1 at 2026-11-29T10:10:01.000Z by ssm.amazonaws.com (event near)');
  });

  it('is none when nothing was written near that time', () => {
    expect(pickCreationEvent([event({ eventTime: '2026-11-29T10:30:00.000Z' })], createDate)).toBeNull();
  });
});
