/** The mail server refused or could not be reached; the delivery is `failed` and the event will be retried. */
export class EmailSendFailedError extends Error {
  override readonly name = 'EmailSendFailedError';

  constructor(
    readonly deliveryId: string,
    cause: unknown,
  ) {
    super(`sending e-mail delivery ${deliveryId} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
