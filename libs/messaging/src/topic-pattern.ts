import type { QueueBinding } from './topology.js';
import type { TopologyNames } from './topology-names.js';

const WORD = /^(?:\*|#|[A-Za-z0-9_-]+)$/;

/** A binding key as RabbitMQ's topic exchange understands it: dot-separated words, `*` or `#`. */
export function isTopicPattern(pattern: string): boolean {
  return pattern.length > 0 && pattern.length <= 255 && pattern.split('.').every((word) => WORD.test(word));
}

/**
 * Topic-exchange matching, so the dispatcher agrees with the broker's bindings:
 * `*` is exactly one word, `#` is zero or more words, anywhere in the pattern.
 */
export function topicMatches(pattern: string, routingKey: string): boolean {
  if (pattern === routingKey) return true;
  const p = pattern.split('.');
  const k = routingKey.split('.');
  // reach[j]: the first i pattern words can match the first j key words.
  let reach: boolean[] = Array.from({ length: k.length + 1 }, (_, j) => j === 0);
  for (const word of p) {
    const next: boolean[] = Array.from({ length: k.length + 1 }, () => false);
    for (let j = 0; j <= k.length; j++) {
      if (word === '#') next[j] = reach[j]! || (j > 0 && next[j - 1]!);
      else if (j > 0) next[j] = reach[j - 1]! && (word === '*' || word === k[j - 1]);
    }
    reach = next;
  }
  return reach[k.length]!;
}

/**
 * Which exchange a handler pattern is bound on. `@EventPattern('x', { exchange: 'erp.events' })`
 * says so explicitly; otherwise a pattern whose first word is an ERP domain (`sales`, `finance`)
 * is an ERP event and everything else is ours.
 */
export function bindingFor(pattern: string, extras: Record<string, unknown> | undefined, names: TopologyNames, erpDomains: readonly string[]): QueueBinding {
  const explicit = extras?.exchange;
  if (explicit === 'erp.events' || explicit === 'erp') return { exchange: names.erpEvents, pattern };
  if (explicit === 'crm.events' || explicit === 'crm') return { exchange: names.events, pattern };
  if (explicit !== undefined) throw new Error(`@EventPattern('${pattern}'): unknown exchange ${String(explicit)} (use 'crm.events' or 'erp.events')`);
  const domain = pattern.split('.')[0] ?? '';
  return { exchange: erpDomains.includes(domain) ? names.erpEvents : names.events, pattern };
}
