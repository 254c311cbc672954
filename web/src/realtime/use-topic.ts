import { useEffect, useRef, useState } from 'react';
import { realtime, type RealtimeFrame, type RealtimeStatus } from './realtime-client';

/** Calls `onFrame` for every frame of `topic` while mounted (nothing when topic is null). */
export function useTopic(topic: string | null, onFrame: (frame: RealtimeFrame) => void, options: { token?: string; anonymous?: boolean } = {}): RealtimeStatus {
  const handler = useRef(onFrame);
  handler.current = onFrame;
  const [status, setStatus] = useState<RealtimeStatus>('connecting');
  useEffect(() => realtime.onStatus(setStatus), []);
  useEffect(() => {
    if (!topic) return;
    return realtime.subscribe(topic, (frame) => handler.current(frame), options);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [topic, options.token, options.anonymous]);
  return status;
}

/** Runs `tick` every `ms` while the tab is visible (the fallback when real time is absent). */
export function usePolling(tick: () => void, ms: number, enabled = true): void {
  const callback = useRef(tick);
  callback.current = tick;
  useEffect(() => {
    if (!enabled) return;
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') callback.current();
    }, ms);
    return () => clearInterval(id);
  }, [ms, enabled]);
}
