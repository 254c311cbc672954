import { writeFile } from 'node:fs/promises';

/**
 * TEST ONLY, inert in production. When NOTIFICATIONS_TEST_PAUSE_AFTER_SEND names a file and
 * NODE_ENV is not `production`, the sender writes the delivery id to that file right after the
 * SMTP server accepted a message and before the `sent` commit, then waits there for good: a
 * fault test SIGKILLs the process in exactly the window that no code can close (the mail left,
 * the database does not know yet). Unset, it returns at once.
 */
export async function pauseAfterSmtpSend(file: string | undefined, deliveryId: string, nodeEnv = process.env.NODE_ENV): Promise<void> {
  if (!file || nodeEnv === 'production') return;
  await writeFile(file, deliveryId);
  await new Promise<never>(() => undefined);
}
