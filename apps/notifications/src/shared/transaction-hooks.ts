import { Injectable, type OnModuleInit } from '@nestjs/common';
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
 * added once that transaction has committed. TypeORM announces the commit to subscribers before the
 * runner acks the message, so a crash in between leaves the rows for the sweeper to re-arm.
 */
@Injectable()
export class TransactionHooks implements EntitySubscriberInterface, OnModuleInit {
  private readonly pending = new WeakMap<QueryRunner, AfterCommit>();

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

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const after = this.pending.get(event.queryRunner);
    if (!after) return;
    this.pending.delete(event.queryRunner);
    await after.run();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.pending.delete(event.queryRunner);
  }
}
