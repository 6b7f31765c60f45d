import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** OWASP's argon2id baseline (19 MiB, 2 passes); hashes carry their own parameters, so this can rise later. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the same time as a real check, so response time does not reveal whether a username exists. */
  async verifyAgainstNothing(password: string): Promise<void> {
    this.dummyHash ??= this.hash('daiban-timing-equaliser');
    await this.verify(await this.dummyHash, password);
  }
}
