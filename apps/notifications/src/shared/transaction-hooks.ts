import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { AfterCommit } from './after-commit';

/**
 * An AfterCommit for a transaction this code did not open: event handlers run inside the consumer
 * runner's transaction (their writes commit with the inbox row), yet their BullMQ jobs must only be
 * added once that transaction has committed. If the process dies before they are, the sweeper re-arms
 * them from the rows.
 *
 * The consumer does not wait for them. It used to, before acking and before its lane's next batch,
 * though that promised nothing: the inbox row has committed, so a redelivery does nothing, and a crash
 * leaves the jobs to the sweeper either way — while each batch's Redis round trips (30–200 ms on a busy
 * machine, bench B2) held back the notifications of the events queued behind it. Transactions' jobs are
 * added one commit's after the other, so a deadline's older version is never armed after its newer one.
 */
@Injectable()
export class TransactionHooks implements EntitySubscriberInterface, OnModuleInit {
  private readonly logger = new Logger('transaction-hooks');
  private readonly pending = new WeakMap<QueryRunner, AfterCommit>();
  private queue: Promise<void> = Promise.resolve();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onModuleInit(): void {
    this.db.subscribers.push(this);
  }

  afterCommitOf(manager: EntityManager): AfterCommit {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) throw new Error('afterCommitOf needs an open transaction');
    let after = this.pending.get(runner);
    if (!after) {
      after = new AfterCommit();
      this.pending.set(runner, after);
    }
    return after;
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const after = this.pending.get(event.queryRunner);
    if (!after) return;
    this.pending.delete(event.queryRunner);
    this.queue = this.queue
      .then(() => after.run())
      .catch((error: Error) =>
        this.logger.warn(`after-commit work failed, the sweeper will redo it: ${error.message}`),
      );
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.pending.delete(event.queryRunner);
  }

  /** Resolves once the work of every transaction committed so far is done (before the queues close). */
  async drained(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.queue;
      await seen;
    } while (seen !== this.queue);
  }
}
