import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** Events committed with the state change that caused them; the relay publishes and marks them. */
@Entity({ name: 'outbox' })
@Index('outbox_unpublished_idx', ['createdAt'], { where: 'published_at IS NULL' })
@Index('outbox_published_at_idx', ['publishedAt'], { where: 'published_at IS NOT NULL' })
export class OutboxRecord {
  @PrimaryColumn('uuid')
  id!: string;

  /** Subject without namespace: the outbox does not depend on where it is deployed. */
  @Column('text')
  subject!: string;

  @Column('jsonb')
  envelope!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column('int', { default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}

/** The inbox: an event's effects and this row commit together, so a redelivery changes nothing. */
@Entity({ name: 'processed_events' })
export class ProcessedEvent {
  @PrimaryColumn('text')
  consumer!: string;

  @PrimaryColumn('uuid')
  eventId!: string;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  processedAt!: Date;
}

/** Messages a consumer gave up on (malformed, or failing past max_deliver); kept for inspection and replay. */
@Entity({ name: 'dead_letters' })
@Index('dead_letters_consumer_idx', ['consumer', 'createdAt'])
export class DeadLetter {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  consumer!: string;

  @Column('text')
  subject!: string;

  @Column('bigint')
  streamSequence!: string;

  @Column({ type: 'text', nullable: true })
  eventId!: string | null;

  @Column('text')
  data!: string;

  @Column('text')
  error!: string;

  @Column('int')
  deliveries!: number;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt!: Date;
}

export const MESSAGING_ENTITIES = [OutboxRecord, ProcessedEvent, DeadLetter];
