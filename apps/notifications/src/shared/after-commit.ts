/**
 * Work that must wait until the transaction commits (adding BullMQ jobs): done inside the transaction,
 * a job could fire before its row is visible, or outlive a rollback. If the process dies between commit
 * and `run`, the sweeper re-arms from PostgreSQL.
 */
export class AfterCommit {
  private readonly tasks: Array<() => Promise<void>> = [];

  add(task: () => Promise<void>): void {
    this.tasks.push(task);
  }

  async run(): Promise<void> {
    for (const task of this.tasks.splice(0)) await task();
  }
}
