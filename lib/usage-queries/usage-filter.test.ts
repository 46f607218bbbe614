import { describe, expect, it } from 'vitest';
import { usageFiltersQuery } from './schemas';
import { resolveTrendRange } from './trend-range';
import { buildUsageWhere } from './usage-filter';

describe('buildUsageWhere', () => {
  it('binds every filter value as a parameter, never as SQL text', () => {
    const hostile = "x' OR 1=1 --";
    const where = buildUsageWhere(
      { model_name: hostile, user_token_id: 3, provider_id: 4, status: 'error', start_time: '2024-01-01', end_time: '2024-01-31' },
      { id: 9, role: 'admin' },
    );
    expect(where.strings.join('?')).not.toContain(hostile);
    expect(where.values).toEqual([3, 4, hostile, 'error', '2024-01-01', '2024-01-31']);
    expect(where.text).toBe(
      'WHERE user_token_id = $1 AND provider_id = $2 AND model_name = $3 AND status = $4::"UsageStatus" AND day >= $5::date AND day <= $6::date',
    );
  });

  it('reads model_id as an id when it is a number and as a model name when it is text', () => {
    expect(buildUsageWhere({ model_id: 41 }, { id: 9, role: 'admin' }).text).toBe('WHERE model_id = $1');
    const byName = buildUsageWhere({ model_id: 'gpt-4-turbo' }, { id: 9, role: 'admin' });
    expect(byName.text).toBe('WHERE model_name = $1');
    expect(byName.values).toEqual(['gpt-4-turbo']);
  });

  it('parses model_id: digits are an id (within the id range), anything else a name; blank is no filter', () => {
    const parse = (model_id: string) => usageFiltersQuery.safeParse({ model_id });
    expect(parse('41').data).toEqual({ model_id: 41 });
    expect(parse(' 007 ').data).toEqual({ model_id: 7 });
    expect(parse('gpt-4-turbo').data).toEqual({ model_id: 'gpt-4-turbo' });
    expect(parse(' claude 3 ').data).toEqual({ model_id: 'claude 3' });
    expect(parse('0').data).toEqual({ model_id: '0' });
    expect(parse('-3').data).toEqual({ model_id: '-3' });
    expect(parse('  ').data).toEqual({});
    expect(parse('99999999999').error?.issues.map((issue) => [issue.path, issue.message])).toEqual([[['model_id'], 'model_id is not a valid id']]);
    expect(parse('m'.repeat(201)).success).toBe(false);
  });

  it('limits a user (and any role it does not know) to their own rows, admins and managers to none', () => {
    expect(buildUsageWhere({ user_token_id: 5 }, { id: 7, role: 'user' }).text).toBe('WHERE user_id = $1 AND user_token_id = $2');
    expect(buildUsageWhere({}, { id: 7, role: 'guest' as 'user' }).values).toEqual([7]);
    expect(buildUsageWhere({}, { id: 7, role: 'manager' }).text).toBe('');
    expect(buildUsageWhere({}, { id: 7, role: 'admin' }).text).toBe('');
  });
});

describe('resolveTrendRange', () => {
  const now = new Date('2024-03-15T23:30:00Z');

  it('defaults to the 30 days ending today (UTC) and fills a missing end from the start and vice versa', () => {
    expect(resolveTrendRange({}, now)).toEqual({ start: '2024-02-15', end: '2024-03-15' });
    expect(resolveTrendRange({ start_time: '2024-02-01' }, now)).toEqual({ start: '2024-02-01', end: '2024-03-01' });
    expect(resolveTrendRange({ end_time: '2024-01-30' }, now)).toEqual({ start: '2024-01-01', end: '2024-01-30' });
  });

  it('refuses ranges of more than 731 days', () => {
    expect(resolveTrendRange({ start_time: '2022-01-01', end_time: '2023-12-31' }, now)).toEqual({ start: '2022-01-01', end: '2023-12-31' });
    expect(() => resolveTrendRange({ start_time: '2020-01-01', end_time: '2023-01-01' }, now)).toThrow('at most 731 days');
  });
});
