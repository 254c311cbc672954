/**
 * Another consumer holds this delivery's row lock (it is sending right now). Thrown so the
 * transport retries later; by then the row is `sent` and the retry is a no-op.
 */
export class EmailDeliveryInProgressError extends Error {
  override readonly name = 'EmailDeliveryInProgressError';

  constructor(readonly deliveryId: string) {
    super(`e-mail delivery ${deliveryId} is being sent by another consumer; retry later`);
  }
}
