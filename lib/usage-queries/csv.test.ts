import { describe, expect, it } from 'vitest';
import { toCsvField, toCsvRecord } from './csv';

describe('CSV fields', () => {
  it('quotes commas, quotes and line breaks and doubles inner quotes', () => {
    expect(toCsvField('plain')).toBe('plain');
    expect(toCsvField('a,b')).toBe('"a,b"');
    expect(toCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(toCsvField('two\nlines')).toBe('"two\nlines"');
    expect(toCsvField('cr\rlf')).toBe('"cr\rlf"');
  });

  it('writes null as an empty field and numbers and booleans as they print', () => {
    expect(toCsvRecord([1, null, 0.000125, true, undefined, ''])).toBe('1,,0.000125,true,,\r\n');
  });

  it('defuses text a spreadsheet would evaluate as a formula', () => {
    expect(toCsvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(toCsvField('+1')).toBe("'+1");
    expect(toCsvField('@sum')).toBe("'@sum");
    expect(toCsvField(-1)).toBe('-1');
  });
});
