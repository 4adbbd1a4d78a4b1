import { describe, expect, it } from 'vitest';
import { formatCsv, toCsvField } from '@/lib/csv';
import { HOSTILE_NAMES } from '@/sandbox/scenarios/hostile-names';

describe('CSV fields', () => {
  it('leaves plain text alone', () => {
    expect(toCsvField('us-east-1')).toBe('us-east-1');
    expect(toCsvField('')).toBe('');
    expect(toCsvField('1+1=2')).toBe('1+1=2');
  });

  it('quotes fields holding a comma, a quote or a line break, doubling the quotes', () => {
    expect(toCsvField('a,b')).toBe('"a,b"');
    expect(toCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(toCsvField('two\nlines')).toBe('"two\nlines"');
    expect(toCsvField('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it('prefixes a quote mark to fields a spreadsheet would run as a formula', () => {
    expect(toCsvField('=1+1')).toBe("'=1+1");
    expect(toCsvField('+SUM(A1)')).toBe("'+SUM(A1)");
    expect(toCsvField('-2+3')).toBe("'-2+3");
    expect(toCsvField('@cmd')).toBe("'@cmd");
    expect(toCsvField('\t=1')).toBe("'\t=1");
    // Guarded first, then quoted: the carriage return still needs quoting.
    expect(toCsvField('\r=1')).toBe(`"'\r=1"`);
    expect(toCsvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });
});

describe('hostile maintenance-window names', () => {
  it.each(HOSTILE_NAMES.map((name) => [name.slice(0, 40), name]))('%s becomes one inert field that keeps the whole name', (_, name) => {
    const field = toCsvField(name);
    const value = field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
    expect(value.startsWith('"')).toBe(false);
    expect(value).not.toMatch(/^[=+\-@\t\r]/);
    expect([name, `'${name}`]).toContain(value);
    // One field: no comma, quote or line break outside its quotes.
    if (!field.startsWith('"')) expect(field).not.toMatch(/[",\r\n]/);
  });
});

describe('CSV documents', () => {
  it('writes the header and each row on CRLF-ended lines', () => {
    expect(formatCsv(['name', 'note'], [['a', 'x,y'], ['=b', '']])).toBe(`name,note\r\na,"x,y"\r\n'=b,\r\n`);
  });

  it('writes only the header when there are no rows', () => {
    expect(formatCsv(['time', 'result'], [])).toBe('time,result\r\n');
  });
});
