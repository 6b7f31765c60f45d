/**
 * Work that must wait until the transaction commits (adding BullMQ jobs): done inside the transaction,
 * a job could fire before its row is visible, or outlive a rollback. If the process dies between commit
 * and `run`, the sweeper re-arms from PostgreSQL.
 */
export class AfterCommit {
  private readonly tasks: Array<() => Promise<void>> = [];
  private readonly collections = new Map<string, unknown[]>();

  add(task: () => Promise<void>): void {
    this.tasks.push(task);
  }

  /**
   * Gathers `items` under `key` from every caller in the transaction and hands them to one `flush`
   * after commit (the first caller's): a consumer transaction holding a batch of events then arms all
   * their jobs in one Redis round trip instead of one per event.
   */
  collect<T>(key: string, items: readonly T[], flush: (all: T[]) => Promise<void>): void {
    let all = this.collections.get(key) as T[] | undefined;
    if (!all) {
      all = [];
      this.collections.set(key, all);
      const gathered = all;
      this.tasks.push(() => {
        this.collections.delete(key);
        return flush(gathered);
      });
    }
    all.push(...items);
  }

  async run(): Promise<void> {
    for (const task of this.tasks.splice(0)) await task();
  }
}
