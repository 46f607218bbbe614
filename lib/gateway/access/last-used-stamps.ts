import type { Db } from '../../db';

// last_used_at is written off the hot path: ids collect here and one UPDATE stamps them every few seconds.

const FLUSH_MS = 15_000;

export class LastUsedStamps {
  private readonly pending = new Set<number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: (message: string) => void,
  ) {}

  note(tokenId: number): void {
    this.pending.add(tokenId);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, FLUSH_MS);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const ids = [...this.pending];
    this.pending.clear();
    try {
      await this.db.userToken.updateMany({ where: { id: { in: ids } }, data: { lastUsedAt: new Date() } });
    } catch (error) {
      this.log(`last_used_at update failed: ${(error as Error).message}`);
    }
  }
}
