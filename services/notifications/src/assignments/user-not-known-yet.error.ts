/**
 * The assigned user is not in the users projection yet: identity's event may arrive after the
 * assignment. Thrown inside the inbox transaction (so nothing is recorded) for the transport to
 * retry with backoff; once its retries are exhausted the event is dead-lettered for replay.
 */
export class UserNotKnownYetError extends Error {
  override readonly name = 'UserNotKnownYetError';

  constructor(
    readonly tenantId: string,
    readonly userId: string,
  ) {
    super(`user ${userId} of tenant ${tenantId} is not in the users projection yet`);
  }
}
