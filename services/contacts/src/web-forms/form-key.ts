import { randomBytes } from 'node:crypto';

/** 32 url-safe characters (192 random bits): public, embedded in the page, but not guessable. */
export function newFormKey(): string {
  return randomBytes(24).toString('base64url');
}

export const FORM_KEY_PATTERN = /^[A-Za-z0-9_-]{24,64}$/;
