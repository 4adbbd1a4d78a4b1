import { describe, expect, it } from 'vitest';
import { decodePolicy, decodePolicyDocument, listAllowedActions, parsePolicyDocument, PolicyDocumentError } from './policy-document';

// IAM's wire form: RFC 3986 percent-encoding of the JSON text.
function encode(value: unknown): string {
  return encodeURIComponent(JSON.stringify(value));
}

describe('decodePolicyDocument', () => {
  it('decodes a URL-encoded trust policy into normalised statements', () => {
    const encoded = encode({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ssm.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(encoded.startsWith('%7B%22Version%22')).toBe(true);
    const document = decodePolicyDocument(encoded);
    expect(document.version).toBe('2012-10-17');
    expect(document.statements).toEqual([
      { effect: 'Allow', principal: { Service: ['ssm.amazonaws.com'] }, actions: ['sts:AssumeRole'], notActions: [], resources: [], notResources: [] },
    ]);
  });

  it('turns a single Statement object and single-string Action and Resource into arrays', () => {
    const document = decodePolicyDocument(encode({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' } }));
    expect(document.statements).toHaveLength(1);
    expect(document.statements[0]?.actions).toEqual(['iam:PassRole']);
    expect(document.statements[0]?.resources).toEqual(['*']);
  });

  it('keeps nested conditions, with every condition value as a list', () => {
    const encoded = encode({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Inventory',
          Effect: 'Allow',
          Action: ['ssm:PutInventory'],
          Resource: ['*'],
          Condition: {
            'ForAllValues:StringEquals': { 'ssm:InventoryTypeName': ['AWS:ComplianceItem', 'AWS:PatchSummary'] },
            StringEquals: { 'events:ManagedBy': 'ssm.amazonaws.com' },
            Bool: { 'aws:SecureTransport': true },
          },
        },
      ],
    });
    const statement = decodePolicyDocument(encoded).statements[0];
    expect(statement?.sid).toBe('Inventory');
    expect(statement?.condition).toEqual({
      'ForAllValues:StringEquals': { 'ssm:InventoryTypeName': ['AWS:ComplianceItem', 'AWS:PatchSummary'] },
      StringEquals: { 'events:ManagedBy': ['ssm.amazonaws.com'] },
      Bool: { 'aws:SecureTransport': [true] },
    });
  });

  it('decodes characters IAM percent-encodes: spaces, slashes, colons, asterisks and non-ASCII', () => {
    const encoded = encode({
      Version: '2012-10-17',
      Statement: [{ Sid: 'Café rule', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:*:*:function:SSM*' }],
    });
    expect(encoded).toContain('%20');
    const statement = decodePolicyDocument(encoded).statements[0];
    expect(statement?.sid).toBe('Café rule');
    expect(statement?.resources).toEqual(['arn:aws:lambda:*:*:function:SSM*']);
  });

  it('accepts a document that is already plain JSON', () => {
    const document = decodePolicyDocument(JSON.stringify({ Statement: [{ Effect: 'Deny', NotAction: 'iam:*', Resource: '*' }] }));
    expect(document.statements[0]).toMatchObject({ effect: 'Deny', actions: [], notActions: ['iam:*'] });
  });

  it('normalises a wildcard principal and AWS principal lists', () => {
    const document = decodePolicyDocument(
      encode({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }, { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root'] }, Action: 'sts:AssumeRole' }] }),
    );
    expect(document.statements[0]?.principal).toBe('*');
    expect(document.statements[1]?.principal).toEqual({ AWS: ['arn:aws:iam::111122223333:root'] });
  });

  it('returns the decoded JSON pretty-printed for display', () => {
    const { json } = decodePolicy(encode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'tag:GetResources', Resource: '*' }] }));
    expect(json).toContain('\n  "Statement": [');
    expect(JSON.parse(json)).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'tag:GetResources', Resource: '*' }] });
  });

  it.each([
    ['an empty document', '', /empty/],
    ['broken percent-encoding', '%7B%22Statement%E0%A4%A', /not valid URL-encoded/],
    ['text that is not JSON', encodeURIComponent('{"Statement": [ }'), /not valid JSON/],
    ['a document without statements', encode({ Version: '2012-10-17' }), /Statement/],
    ['an unknown Effect', encode({ Statement: [{ Effect: 'Maybe', Action: 'a:b' }] }), /Effect/],
    ['a statement without any action', encode({ Statement: [{ Effect: 'Allow', Resource: '*' }] }), /Action or NotAction/],
    ['an Action that is a number', encode({ Statement: [{ Effect: 'Allow', Action: 42 }] }), /Action/],
  ])('rejects %s with a clear PolicyDocumentError', (_name, input, message) => {
    expect(() => decodePolicyDocument(input)).toThrow(PolicyDocumentError);
    expect(() => decodePolicyDocument(input)).toThrow(message);
  });
});

describe('listAllowedActions', () => {
  it('lists Allow actions once each, in order, ignoring Deny statements', () => {
    const document = parsePolicyDocument({
      Statement: [
        { Effect: 'Allow', Action: ['ssm:SendCommand', 'ec2:DescribeInstances'] },
        { Effect: 'Deny', Action: 'iam:PassRole' },
        { Effect: 'Allow', Action: 'ssm:SendCommand' },
      ],
    });
    expect(listAllowedActions(document)).toEqual(['ssm:SendCommand', 'ec2:DescribeInstances']);
  });
});
