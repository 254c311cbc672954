/** Answer of POST /tickets/{id}/merge: the same shape for the dry run and the real merge. */
export interface MergeResultView {
  dryRun: boolean;
  primary: {
    id: string;
    radicado: string;
    /** After the merge (a dry run shows what it would be). */
    version: number;
    receivedAt: string;
    legalDueAt: string | null;
  };
  duplicate: { id: string; radicado: string; status: 'cerrado'; mergedIntoId: string };
  /** Messages that go to the primary: the duplicate's original request plus its conversation. */
  movedMessages: number;
  movedAttachments: number;
  /** True when the duplicate was received earlier: the primary takes its reception date. */
  receivedAtChanged: boolean;
  previousReceivedAt: string;
  previousLegalDueAt: string | null;
  /** Whether the requester gets the e-mail with the radicado that stays (needs an address). */
  requesterNotified: boolean;
}
