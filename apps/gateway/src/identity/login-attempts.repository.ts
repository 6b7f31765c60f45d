import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** Every login attempt, kept so the lockout counts failures in a sliding window. */
@Injectable()
export class LoginAttemptsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(
    attempt: { username: string; userId: string | null; ip: string | null; succeeded: boolean; at: Date },
    manager?: EntityManager,
  ): Promise<void> {
    await (manager ?? this.dataSource.manager).query(
      `INSERT INTO login_attempts (username, user_id, ip, succeeded, at) VALUES ($1, $2, $3, $4, $5)`,
      [attempt.username.slice(0, 200), attempt.userId, attempt.ip, attempt.succeeded, attempt.at],
    );
  }

  /**
   * Failures since `since` that came after the last success and after the previous lock ended,
   * so an expired lock starts a fresh count.
   */
  async recentFailures(
    userId: string,
    since: Date,
    lockedUntil: Date | null,
    manager?: EntityManager,
  ): Promise<number> {
    const [row] = await (manager ?? this.dataSource.manager).query(
      `SELECT count(*)::int AS n FROM login_attempts
       WHERE user_id = $1 AND NOT succeeded
         AND at > greatest($2::timestamptz, coalesce($3::timestamptz, '-infinity'),
           coalesce((SELECT max(at) FROM login_attempts WHERE user_id = $1 AND succeeded), '-infinity'))`,
      [userId, since, lockedUntil],
    );
    return row.n;
  }
}
