import { describe, expect, it } from 'vitest';
import { isOrganizationMode, parseSettings, SettingsError } from '@/lib/config';

// The organization settings: defaults, validation with a message naming the variable, and the mode switch.

describe('organization settings', () => {
  it('leaves organization mode off when no organization setting is given', () => {
    const settings = parseSettings({});
    expect(isOrganizationMode(settings)).toBe(false);
    expect(settings).toMatchObject({ ATLAS_ORG: false, ATLAS_ORG_ROLE_NAME: 'OrganizationAccountAccessRole', ATLAS_ACCOUNT_IDS: [] });
    expect(settings.ATLAS_ORG_EXTERNAL_ID).toBeUndefined();
  });

  it('turns organization mode on with ATLAS_ORG=1 or with an account list', () => {
    expect(isOrganizationMode(parseSettings({ ATLAS_ORG: '1' }))).toBe(true);
    const listed = parseSettings({ ATLAS_ACCOUNT_IDS: ' 111122223333,444455556666 ,111122223333' });
    expect(listed.ATLAS_ACCOUNT_IDS).toEqual(['111122223333', '444455556666']);
    expect(isOrganizationMode(listed)).toBe(true);
  });

  it('refuses malformed account ids, role names and external ids, naming the variable', () => {
    expect(() => parseSettings({ ATLAS_ACCOUNT_IDS: '1111,222233334444' })).toThrow(/ATLAS_ACCOUNT_IDS.*1111/);
    expect(() => parseSettings({ ATLAS_ORG_ROLE_NAME: 'bad name' })).toThrow(SettingsError);
    expect(() => parseSettings({ ATLAS_ORG_EXTERNAL_ID: 'x' })).toThrow(/ATLAS_ORG_EXTERNAL_ID/);
    expect(parseSettings({ ATLAS_ORG_EXTERNAL_ID: '' }).ATLAS_ORG_EXTERNAL_ID).toBeUndefined();
    expect(parseSettings({ ATLAS_ORG_EXTERNAL_ID: 'atlas-7f3e' }).ATLAS_ORG_EXTERNAL_ID).toBe('atlas-7f3e');
  });
});
