import { Injectable } from '@nestjs/common';
import { ProblemException } from '@crm/common';
import { PostgresRateLimiter, type RateLimitHit, type RateLimitRule } from '@crm/database';
import { GatewayConfig } from '../../config/gateway-config.js';

/** The counted hits of one login attempt, to give back if the password was right. */
export interface LoginAttempt {
  refund(): Promise<void>;
}

/**
 * Throttles password guesses, not account owners (gateway/README.md, "Login throttling").
 * Every attempt counts against three sliding windows in Postgres, shared by all replicas:
 * - the client IP over all accounts (LOGIN_IP_RATE_LIMIT): spraying from one address stops;
 * - the account and IP pair (LOGIN_RATE_LIMIT): one address guessing one password stops;
 * - the account over all IPs (LOGIN_ACCOUNT_RATE_LIMIT): past it the account is under attack,
 *   and an IP that already failed on it must wait; an IP that has not may still try, so the
 *   owner logs in from their own address with the right password.
 * A successful login gives its hits back: only failures accumulate.
 */
@Injectable()
export class LoginThrottle {
  private readonly byIp: RateLimitRule;
  private readonly byPair: RateLimitRule;
  private readonly byAccount: RateLimitRule;

  constructor(
    private readonly limiter: PostgresRateLimiter,
    config: GatewayConfig,
  ) {
    const windowSeconds = config.loginRateWindowSeconds;
    this.byIp = { scope: 'login-ip', limit: config.loginIpRateLimit, windowSeconds };
    this.byPair = { scope: 'login-account-ip', limit: config.loginRateLimit, windowSeconds };
    this.byAccount = { scope: 'login-account', limit: config.loginAccountRateLimit, windowSeconds };
  }

  /** Counts the attempt, or throws 429 (after `onLimited` set Retry-After) when it must wait. */
  async begin(ip: string, email: string, onLimited: (retryAfterSeconds: number) => void): Promise<LoginAttempt> {
    const account = email.trim().toLowerCase();
    const pairKey = `${account}|${ip}`;
    const counted: { rule: RateLimitRule; key: string; hit: RateLimitHit }[] = [];
    const refund = async () => {
      await Promise.all(counted.map(({ rule, key, hit }) => this.limiter.refund(rule, key, hit)));
    };

    const ipHit = await this.limiter.hit(this.byIp, ip);
    if (!ipHit.allowed) throw limited(ipHit.retryAfterSeconds, onLimited);
    counted.push({ rule: this.byIp, key: ip, hit: ipHit });

    const pairHit = await this.limiter.hit(this.byPair, pairKey);
    counted.push({ rule: this.byPair, key: pairKey, hit: pairHit });
    if (!pairHit.allowed) throw limited(pairHit.retryAfterSeconds, onLimited);

    const accountHit = await this.limiter.hit(this.byAccount, account);
    counted.push({ rule: this.byAccount, key: account, hit: accountHit });
    // Under attack, an address that has already failed on this account (it counted before this
    // attempt) waits for the account's window; a fresh address (the owner's) may try.
    if (!accountHit.allowed && pairHit.count > 1) throw limited(accountHit.retryAfterSeconds, onLimited);
    return { refund };
  }
}

function limited(retryAfterSeconds: number, onLimited: (seconds: number) => void): ProblemException {
  onLimited(retryAfterSeconds);
  return new ProblemException(429, `Demasiados intentos de inicio de sesión desde esta dirección; espere ${retryAfterSeconds} s e intente de nuevo.`, { retryAfterSeconds });
}
