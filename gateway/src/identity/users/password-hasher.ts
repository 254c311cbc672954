import { Injectable } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import { GatewayConfig } from '../../config/gateway-config.js';

/**
 * bcrypt (cost from BCRYPT_COST, at least 10). `verifyOrDummy` spends the same time when there
 * is no user to check against, so response time does not tell which e-mails exist.
 */
@Injectable()
export class PasswordHasher {
  private dummyHash?: Promise<string>;

  constructor(private readonly config: GatewayConfig) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.config.bcryptCost);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  }

  /** Compares against a throw-away hash of the same cost; always false. */
  async burnTime(password: string): Promise<false> {
    this.dummyHash ??= bcrypt.hash('not-a-real-password-0000', this.config.bcryptCost);
    await bcrypt.compare(password, await this.dummyHash);
    return false;
  }
}
