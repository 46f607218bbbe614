import { describe, expect, it } from 'vitest';
import { toLocalPath } from './local-path';

describe('toLocalPath', () => {
  it('keeps paths of this site, with their query', () => {
    expect(toLocalPath('/usage?model_name=a')).toBe('/usage?model_name=a');
    expect(toLocalPath(['/users', '/x'])).toBe('/users');
  });

  it.each(['//evil.test/x', '/\t/evil.test/x', '/\n/evil.test', '/\\evil.test', '\\/evil.test', 'https://evil.test', 'javascript:alert(1)', '', undefined])(
    'sends %j to / instead of another host',
    (value) => {
      expect(toLocalPath(value)).toBe('/');
    },
  );

  it('percent-encodes what a Location header cannot carry', () => {
    expect(toLocalPath('/usage?q=ü')).toBe('/usage?q=%C3%BC');
    expect(toLocalPath('/a\r\nSet-Cookie: x=1')).toBe('/aSet-Cookie:%20x=1');
  });
});
