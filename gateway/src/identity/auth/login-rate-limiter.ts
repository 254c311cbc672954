import { Injectable } from '@nestjs/common';
import { ProblemException } from '@crm/common';
import { GatewayConfig } from '../../config/gateway-config.js';
import { FixedWindowRateLimiter } from '../../shared/fixed-window-rate-limiter.js';

/** LOGIN_RATE_LIMIT attempts per minute per client IP and e-mail, failed or not. */
@Injectable()
export class LoginRateLimiter {
  private readonly limiter: FixedWindowRateLimiter;

  constructor(config: GatewayConfig) {
    this.limiter = new FixedWindowRateLimiter(config.loginRateLimit);
  }

  /** Throws 429 (the caller sets Retry-After from `retryAfterSeconds`). */
  check(ip: string, email: string, onLimited: (retryAfterSeconds: number) => void): void {
    const decision = this.limiter.hit(`${ip}|${email.trim().toLowerCase()}`);
    if (decision.allowed) return;
    onLimited(decision.retryAfterSeconds);
    throw new ProblemException(429, `Demasiados intentos de inicio de sesión; espere ${decision.retryAfterSeconds} s e intente de nuevo.`, {
      retryAfterSeconds: decision.retryAfterSeconds,
    });
  }
}
