import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PostgresRateLimiter, type RateLimitDecision, type RateLimitRule } from '@crm/database';
import { DataSource } from 'typeorm';

/**
 * Submissions per minute per client IP and form, counted in `contacts.rate_limit_counter`, so
 * every contacts replica shares the count. The IP is the one the gateway saw: services believe
 * X-Forwarded-For only from the addresses in TRUSTED_PROXIES (the gateway's).
 */
@Injectable()
export class FormRateLimiter {
  private readonly limiter: PostgresRateLimiter;
  private readonly rule: RateLimitRule;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.limiter = new PostgresRateLimiter(dataSource, 'contacts');
    this.rule = { scope: 'web-form', limit: formRateLimitFromEnv(), windowSeconds: 60 };
  }

  hit(ip: string, formKey: string): Promise<RateLimitDecision> {
    return this.limiter.hit(this.rule, `${ip}|${formKey}`);
  }
}

/** `WEB_FORM_RATE_LIMIT` (submissions per minute per IP and form, default 20), validated at start. */
export function formRateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.WEB_FORM_RATE_LIMIT;
  if (raw === undefined || raw === '') return 20;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`WEB_FORM_RATE_LIMIT must be a positive integer (got "${raw}")`);
  return value;
}
