import { toStorableJson, type Db, type Prisma } from '../../db';
import type { ResponsesInputItem, ResponsesResponse } from '../../protocol/responses/types';

// Responses API answers of converted routes, kept so a client can continue with previous_response_id and read them
// back with GET /v1/responses/{id}, as it can at OpenAI (which keeps them for native routes itself). Each belongs to
// the token that made it: another token gets a 404. Rows expire after the retention; expired ones are deleted now
// and then as new ones are written.

export type StoredResponse = { conversation: ResponsesInputItem[]; response: ResponsesResponse };

const CLEANUP_INTERVAL_MS = 60 * 60_000;

export type StoredResponsesOptions = { db: Db; retentionDays: number; now: () => number; log: (message: string) => void };

export class StoredResponses {
  /** Writes in flight by response id: a continuation that arrives first waits for its predecessor's write. */
  private readonly pending = new Map<string, Promise<void>>();
  private lastCleanup = 0;

  constructor(private readonly options: StoredResponsesOptions) {}

  /** Keeps an answer and the conversation it answered; failures are logged, the client already has its answer. */
  save(userTokenId: number, conversation: ResponsesInputItem[], response: ResponsesResponse): void {
    const { db, now, retentionDays, log } = this.options;
    const write = db.storedResponse
      .create({
        data: {
          id: response.id,
          userTokenId,
          // A client's text may hold NUL or lone surrogates, which JSONB refuses: kept with U+FFFD in their place.
          conversation: toStorableJson(conversation) as unknown as Prisma.InputJsonValue,
          response: toStorableJson(response) as unknown as Prisma.InputJsonValue,
          expiresAt: new Date(now() + retentionDays * 86_400_000),
        },
      })
      .then(
        () => undefined,
        (error: unknown) => log(`storing response ${response.id} failed: ${error instanceof Error ? error.message || error.name : String(error)}`),
      )
      .finally(() => this.pending.delete(response.id));
    this.pending.set(response.id, write);
    this.cleanUpNowAndThen();
  }

  async find(id: string, userTokenId: number): Promise<StoredResponse | null> {
    await this.pending.get(id);
    const row = await this.options.db.storedResponse.findFirst({ where: { id, userTokenId, expiresAt: { gt: new Date(this.options.now()) } } });
    return row ? { conversation: row.conversation as unknown as ResponsesInputItem[], response: row.response as unknown as ResponsesResponse } : null;
  }

  async delete(id: string, userTokenId: number): Promise<boolean> {
    await this.pending.get(id);
    return (await this.options.db.storedResponse.deleteMany({ where: { id, userTokenId } })).count > 0;
  }

  private cleanUpNowAndThen(): void {
    const now = this.options.now();
    if (now - this.lastCleanup < CLEANUP_INTERVAL_MS) return;
    this.lastCleanup = now;
    this.options.db.storedResponse.deleteMany({ where: { expiresAt: { lte: new Date(now) } } }).catch((error: unknown) => {
      this.options.log(`deleting expired stored responses failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}
