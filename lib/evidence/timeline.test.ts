import { describe, expect, it } from 'vitest';
import { buildTimeline, describeCall } from './timeline';
import type { RoleEvidence } from './types';

const ROLE = 'arn:aws:iam::123456789012:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM';

describe('buildTimeline', () => {
  it('merges sessions and other events of every region, newest first, with what each session touched', () => {
    const evidence: RoleEvidence = {
      roleArn: ROLE,
      collectedAt: '2026-11-29T12:00:00Z',
      depth: 'history',
      missingPermissions: [],
      accessAdvisor: { kind: 'in-progress' },
      regions: [
        {
          region: 'eu-west-1',
          status: { kind: 'read' },
          isComplete: true,
          lookupCalls: 2,
          sessions: [
            {
              assumedAt: '2026-11-29T09:00:00.000Z',
              region: 'eu-west-1',
              eventId: 'a',
              invokedBy: 'ssm.amazonaws.com',
              calls: [
                {
                  eventId: 'c',
                  eventName: 'SendCommand',
                  eventSource: 'ssm.amazonaws.com',
                  eventTime: '2026-11-29T09:00:04.000Z',
                  region: 'eu-west-1',
                  readOnly: false,
                  resources: [
                    { type: 'AWS::SSM::Document', name: 'arn:aws:ssm:eu-west-1::document/AWS-RunPatchBaseline' },
                    { type: 'AWS::EC2::Instance', name: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc' },
                  ],
                },
              ],
            },
            { assumedAt: '2026-11-20T09:00:00.000Z', region: 'eu-west-1', eventId: 'b', invokedBy: 'ssm.amazonaws.com' },
          ],
          otherEvents: [],
          lastUsedAt: '2026-11-29T09:00:00.000Z',
        },
        {
          region: 'us-east-1',
          status: { kind: 'read' },
          isComplete: true,
          lookupCalls: 1,
          sessions: [],
          otherEvents: [
            {
              eventId: 'd',
              eventName: 'UpdateRole',
              eventSource: 'iam.amazonaws.com',
              eventTime: '2026-11-25T10:00:00.000Z',
              region: 'us-east-1',
              readOnly: false,
              username: 'admin',
              resources: [{ type: 'AWS::IAM::Role', name: ROLE }],
            },
          ],
        },
      ],
    };
    const timeline = buildTimeline(evidence);
    expect(timeline.map((entry) => entry.id)).toEqual(['a', 'd', 'b']);
    expect(timeline[0]).toMatchObject({ event: 'AssumeRole', actor: 'ssm.amazonaws.com', touched: ['SendCommand: AWS-RunPatchBaseline, i-0abc'], isTouchedKnown: true });
    expect(timeline[1]).toMatchObject({ event: 'UpdateRole', actor: 'admin', touched: ['AWSServiceRoleForAmazonSSM'] });
    expect(timeline[2]?.isTouchedKnown).toBe(false);
  });

  it('describes a call without resources by its name alone', () => {
    expect(describeCall({ eventId: 'x', eventName: 'GetResources', eventSource: 'tagging.amazonaws.com', eventTime: '', region: 'us-east-1', readOnly: true, resources: [] })).toBe('GetResources');
  });
});
