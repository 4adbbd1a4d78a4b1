import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  descriptionSchema,
  formDataToObject,
  parseInput,
  parseRoleArn,
  regionCodeSchema,
  roleArnSchema,
  roleArnSchemaFor,
  roleNameSchema,
  rolePathSchema,
  windowIdSchema,
  windowTaskIdSchema,
} from './schemas';

describe('regionCodeSchema', () => {
  it('accepts the region codes of every partition the dashboard audits', () => {
    for (const code of ['us-east-1', 'eu-west-3', 'ap-southeast-7', 'mx-central-1', 'us-gov-west-1', 'us-gov-east-1', 'cn-north-1', 'cn-northwest-1']) {
      expect(regionCodeSchema.safeParse(code).success).toBe(true);
    }
  });

  it('refuses unknown and malformed codes with a message naming the value', () => {
    for (const code of ['us-east-9', 'us-gov-west-3', 'cn-south-1', 'US-EAST-1', '', 'us-east-1 ', 'x'.repeat(500)]) {
      const result = regionCodeSchema.safeParse(code);
      expect(result.success, code).toBe(false);
    }
    const result = regionCodeSchema.safeParse('mars-north-1');
    expect(result.error?.issues[0]?.message).toContain('Unknown region “mars-north-1”');
  });

  it('refuses other types and says a missing region is required', () => {
    expect(regionCodeSchema.safeParse(42).error?.issues[0]?.message).toBe('Region must be a region code such as us-east-1.');
    expect(regionCodeSchema.safeParse(undefined).error?.issues[0]?.message).toBe('Region is required.');
  });
});

describe('windowIdSchema and windowTaskIdSchema', () => {
  it('accepts mw- and 17 lower-case hex digits only', () => {
    expect(windowIdSchema.safeParse('mw-0123456789abcdef0').success).toBe(true);
    for (const bad of ['mw-0123456789abcdef', 'mw-0123456789abcdef01', 'mw-0123456789ABCDEF0', 'mw-0123456789abcdefg', 'w-0123456789abcdef0', 'mw-0123456789abcdef0\n']) {
      expect(windowIdSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('accepts a UUID task id and refuses other shapes', () => {
    expect(windowTaskIdSchema.safeParse('7c9e6679-7425-40de-944b-e07fc1f90ae7').success).toBe(true);
    for (const bad of ['7c9e6679742540de944be07fc1f90ae7', '7c9e6679-7425-40de-944b-e07fc1f90ae', 'mw-0123456789abcdef0', '../etc/passwd', 12]) {
      expect(windowTaskIdSchema.safeParse(bad).success, String(bad)).toBe(false);
    }
  });
});

describe('role ARNs', () => {
  const account = '123456789012';

  it('parses a role ARN with and without a path', () => {
    expect(parseRoleArn('arn:aws:iam::123456789012:role/MaintenanceWindowRole')).toEqual({
      partition: 'aws',
      accountId: account,
      path: '/',
      roleName: 'MaintenanceWindowRole',
    });
    expect(parseRoleArn('arn:aws:iam::123456789012:role/service-role/Mw')?.path).toBe('/service-role/');
  });

  it('accepts a role of the current account and refuses another account with a message naming both', () => {
    const schema = roleArnSchemaFor(account);
    expect(schema.safeParse('arn:aws:iam::123456789012:role/service-role/MwRole').success).toBe(true);
    const other = schema.safeParse('arn:aws:iam::210987654321:role/MwRole');
    expect(other.success).toBe(false);
    expect(other.error?.issues[0]?.message).toBe('The role belongs to account 210987654321, not to the current account 123456789012.');
  });

  it('refuses what is not a role ARN', () => {
    for (const bad of [
      'arn:aws:iam::123456789012:user/alice',
      'arn:aws:iam::12345678901:role/Short',
      'arn:aws:s3:::bucket',
      'arn:aws:iam::123456789012:role/',
      'arn:aws:iam::123456789012:role/has space',
      `arn:aws:iam::123456789012:role/${'a'.repeat(65)}`,
      'x'.repeat(5000),
    ]) {
      expect(roleArnSchema.safeParse(bad).success, bad.slice(0, 60)).toBe(false);
    }
  });

  it('refuses another partition when one is required', () => {
    expect(roleArnSchemaFor(account, 'aws').safeParse('arn:aws-cn:iam::123456789012:role/R').success).toBe(false);
  });
});

describe('descriptionSchema, roleNameSchema and rolePathSchema', () => {
  it('accepts up to 1000 characters of the IAM set, including Latin-1 letters and line breaks', () => {
    expect(descriptionSchema.safeParse('Provides access to AWS Resources managed or used by Amazon SSM.').success).toBe(true);
    expect(descriptionSchema.safeParse('Zürich café\nline two\ttab').success).toBe(true);
    expect(descriptionSchema.safeParse('').success).toBe(true);
    expect(descriptionSchema.safeParse('a'.repeat(1000)).success).toBe(true);
  });

  it('refuses overlong text and characters outside the set', () => {
    expect(descriptionSchema.safeParse('a'.repeat(1001)).error?.issues[0]?.message).toBe('Description is at most 1000 characters.');
    for (const bad of ['emoji 🙂', 'nul \u0000', 'bell \u0007', 'euro €', 'cjk 中']) {
      expect(descriptionSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('checks role names and paths as IAM does', () => {
    expect(roleNameSchema.safeParse('My.Role+=,@_-1').success).toBe(true);
    expect(roleNameSchema.safeParse('').success).toBe(false);
    expect(roleNameSchema.safeParse('a/b').success).toBe(false);
    expect(roleNameSchema.safeParse('a'.repeat(65)).success).toBe(false);
    expect(rolePathSchema.safeParse('/').success).toBe(true);
    expect(rolePathSchema.safeParse('/service-role/').success).toBe(true);
    expect(rolePathSchema.safeParse('service-role/').success).toBe(false);
    expect(rolePathSchema.safeParse('/a//').success).toBe(false);
  });
});

describe('parseInput', () => {
  const schema = z.object({ region: regionCodeSchema, windowId: windowIdSchema });

  it('returns the data when valid', () => {
    expect(parseInput(schema, { region: 'us-east-1', windowId: 'mw-0123456789abcdef0' })).toEqual({
      ok: true,
      data: { region: 'us-east-1', windowId: 'mw-0123456789abcdef0' },
    });
  });

  it('returns a clear message and per-field errors when not', () => {
    const result = parseInput(schema, { region: 'nowhere-1' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^Invalid input — region: Unknown region “nowhere-1”.* \(and 1 more problem\)$/);
    expect(result.fieldErrors.windowId).toEqual(['Maintenance window id is required.']);
  });

  it('reports a wrong top-level type as a form error', () => {
    const result = parseInput(schema, 'not an object');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors._form?.length).toBe(1);
  });
});

describe('formDataToObject', () => {
  it('keeps strings, gathers repeated keys and drops Next action fields', () => {
    const formData = new FormData();
    formData.append('region', 'us-east-1');
    formData.append('task', 'a');
    formData.append('task', 'b');
    formData.append('$ACTION_ID_abc', '');
    expect(formDataToObject(formData)).toEqual({ region: 'us-east-1', task: ['a', 'b'] });
  });
});

describe('messages for missing input', () => {
  it('says a field without a custom message is required, and that an absent input is absent', () => {
    const schema = z.object({ tasks: z.array(z.string()), confirmRoleName: z.string() });
    const missing = parseInput(schema, {});
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.message).toBe('Invalid input — tasks: This field is required. (and 1 more problem)');
      expect(missing.fieldErrors.confirmRoleName).toEqual(['This field is required.']);
    }
    const absent = parseInput(schema, undefined);
    expect(absent.ok).toBe(false);
    if (!absent.ok) expect(absent.message).toBe('Invalid input — The request carried no input.');
    const wrongType = parseInput(schema, { tasks: 'all', confirmRoleName: 'x' });
    if (!wrongType.ok) expect(wrongType.message).toBe('Invalid input — tasks: Invalid input: expected array, received string');
  });
});
