/** Thrown by a handler for a message that can never succeed: it goes to dead_letters at once. */
export class PoisonMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}

/** Thrown when the handler needs something that has not arrived yet (e.g. an earlier event): retried later. */
export class RetryLaterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetryLaterError';
  }
}
