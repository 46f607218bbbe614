// Monthly budgets under a burst: twelve parallel calls through two gateway instances on one database, each call
// costing about twice the budget. Spend may pass the budget by at most one request's cost, so one call gets
// through and eleven are refused; the spend counters then hold the real cost and no reservation is left behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { createTestGateway, flushTestUsage } from '../helpers/test-gateway';
import { createModel, createProvider, createUserToken, jsonRequest, uniqueName, type TokenFixture } from './fixtures';
import { setUpGatewayTestbed } from './testbed';

const bed = setUpGatewayTestbed({ stub: { usage: { input: 10, output: 0 } } });
const model = uniqueName('budget');
const instances = [createTestGateway(), createTestGateway()];

beforeAll(async () => {
  const provider = await createProvider({ type: 'openai', apiUrl: bed.stub.url });
  // 10 input tokens at 1,900 per million: 0.019 a call, against budgets of 0.01.
  await createModel({ name: model, providerId: provider.id, inputPrice: '1900', outputPrice: '0' });
});
afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.close()));
});

async function burst(tokens: TokenFixture[], calls: number): Promise<{ statuses: number[]; messages: string[] }> {
  const responses = await Promise.all(
    Array.from({ length: calls }, (_, i) =>
      instances[i % instances.length].handleChatCompletions(
        jsonRequest('/v1/chat/completions', { model, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }, { authorization: `Bearer ${tokens[i % tokens.length].plaintext}` }),
      ),
    ),
  );
  const bodies = await Promise.all(responses.map((response) => response.json()));
  return { statuses: responses.map((response) => response.status), messages: bodies.map((body) => body.error?.message ?? '') };
}

async function spentBy(spender: string): Promise<number> {
  const counter = await db.spendCounter.findFirst({ where: { spender }, orderBy: { month: 'desc' } });
  return Number(counter?.spent ?? 0);
}

describe('a burst against a monthly budget', () => {
  it("of a token: one call passes, eleven get 429, the spend passes the budget by less than one call's cost", async () => {
    const token = await createUserToken({ monthlyBudget: '0.01' });
    const { statuses, messages } = await burst([token], 12);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 429)).toHaveLength(11);
    expect(messages.filter(Boolean)).toEqual(Array(11).fill('This API key would pass its monthly budget of 0.01 with the requests it has in flight'));
    expect(bed.stub.requests).toHaveLength(1);

    await flushTestUsage();
    expect(await spentBy(`token:${token.id}`)).toBeCloseTo(0.019, 10);
    expect(await spentBy(`user:${token.userId}`)).toBeCloseTo(0.019, 10);
    expect(await db.spendReservation.count({ where: { spenders: { has: `token:${token.id}` } } })).toBe(0);
    const after = await burst([token], 1);
    expect(after).toEqual({ statuses: [429], messages: ['This API key has used its monthly budget of 0.01'] });
  });

  it("of a user whose token has no budget of its own: the same single call", async () => {
    const first = await createUserToken();
    await db.user.update({ where: { id: first.userId }, data: { monthlyBudget: '0.01' } });
    const { statuses } = await burst([first], 12);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    await flushTestUsage();
    expect(await spentBy(`user:${first.userId}`)).toBeCloseTo(0.019, 10);
    expect(await db.spendReservation.count({ where: { spenders: { has: `user:${first.userId}` } } })).toBe(0);
  });

  it('a token without any budget takes no reservation and still has its spend counted', async () => {
    const free = await createUserToken();
    expect((await burst([free], 3)).statuses).toEqual([200, 200, 200]);
    expect(await db.spendReservation.count({ where: { spenders: { has: `token:${free.id}` } } })).toBe(0);
    await flushTestUsage();
    expect(await spentBy(`token:${free.id}`)).toBeCloseTo(0.057, 10);
  });
});
