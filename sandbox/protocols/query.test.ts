import { describe, expect, it } from 'vitest';
import { SandboxError } from '../types';
import { decodeQueryParameters, iamQueryProtocol } from './query';
import { escapeXml } from './xml';

describe('query protocol input', () => {
  it('turns member lists, numbered lists and entry maps into arrays and objects', () => {
    const params = new URLSearchParams(
      'Action=X&Version=1&RoleName=r&Tags.member.1.Key=a&Tags.member.1.Value=1&Tags.member.2.Key=b&Tags.member.2.Value=2' +
        '&Filter.1.Name=opt-in-status&Filter.1.Value.1=opted-in&Filter.1.Value.2=not-opted-in&RegionName.1=us-east-1' +
        '&Attributes.entry.1.key=k1&Attributes.entry.1.value=v1&Attributes.entry.2.key=k2&Attributes.entry.2.value=v2',
    );
    expect(decodeQueryParameters(params, 'iam')).toEqual({
      RoleName: 'r',
      Tags: [
        { Key: 'a', Value: '1' },
        { Key: 'b', Value: '2' },
      ],
      Filter: [{ Name: 'opt-in-status', Value: ['opted-in', 'not-opted-in'] }],
      RegionName: ['us-east-1'],
      Attributes: { k1: 'v1', k2: 'v2' },
    });
  });

  it('keeps list order by index, not by arrival', () => {
    const params = new URLSearchParams('Names.member.2=second&Names.member.1=first');
    expect(decodeQueryParameters(params, 'iam')).toEqual({ Names: ['first', 'second'] });
  });

  it('rejects conflicting, malformed and prototype-polluting names as MalformedQueryString', () => {
    for (const query of ['A=1&A.member.1=2', 'A.member.1=2&A=1', 'A.member.0=1', '__proto__.polluted=1', 'member.1=x', 'A..B=1']) {
      let error: unknown;
      try {
        decodeQueryParameters(new URLSearchParams(query), 'iam');
      } catch (caught) {
        error = caught;
      }
      expect(error, query).toBeInstanceOf(SandboxError);
      expect((error as SandboxError).code).toBe('MalformedQueryString');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('query protocol output', () => {
  it('writes results with member lists, escaped text and the request id', () => {
    const wire = iamQueryProtocol.encodeResult(
      { operation: 'ListRoles', input: {} },
      { Roles: [{ RoleName: 'a<b>&"c"' }, { RoleName: 'd' }], IsTruncated: false, Empty: [] },
      'req-1',
    );
    expect(wire.status).toBe(200);
    expect(wire.body).toBe(
      '<ListRolesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListRolesResult><Roles><member><RoleName>a&lt;b&gt;&amp;&quot;c&quot;</RoleName></member>' +
        '<member><RoleName>d</RoleName></member></Roles><IsTruncated>false</IsTruncated><Empty></Empty></ListRolesResult>' +
        '<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></ListRolesResponse>',
    );
  });

  it('writes errors with type, code, message and status', () => {
    const wire = iamQueryProtocol.encodeError(new SandboxError('NoSuchEntity', 'The role with name <x> cannot be found.', 404), 'req-2');
    expect(wire.status).toBe(404);
    expect(wire.body).toContain('<Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name &lt;x&gt; cannot be found.</Message></Error><RequestId>req-2</RequestId>');
    expect(escapeXml("it's\r")).toBe('it&apos;s&#xD;');
  });
});
