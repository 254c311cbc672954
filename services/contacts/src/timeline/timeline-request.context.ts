import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The paging and viewer of one `GET /contacts/{id}/timeline` request. The route's controller
 * (owned by the contacts core) passes neither the query nor the caller to the timeline, so
 * TimelinePagingInterceptor puts them here for TimelineService.list, and reads back the next
 * cursor to add to the response.
 */
export interface TimelineRequest {
  limit: number;
  cursor?: string;
  /** Entries marked private (`details.private = true`) are shown to their actor only. */
  viewerId?: string;
  /** Set by TimelineService.list: the cursor of the next page, or null on the last one. */
  nextCursor?: string | null;
}

const storage = new AsyncLocalStorage<TimelineRequest>();

export const TimelineRequestContext = {
  run<T>(request: TimelineRequest, fn: () => T): T {
    return storage.run(request, fn);
  },
  current(): TimelineRequest | undefined {
    return storage.getStore();
  },
};
