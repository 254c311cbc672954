import type { ContactChannel } from './contact.entity.js';

export interface ChannelInput {
  value: string;
  label?: string;
  primary?: boolean;
}

/**
 * Merges a list of e-mails (or phones) and an optional single "primary" value into a clean list
 * with exactly one primary entry (when not empty) and no repeats. E-mails compare lower-cased.
 */
export function normaliseChannels(
  list: readonly ChannelInput[] | undefined,
  primaryValue: string | undefined,
  current: readonly ContactChannel[],
  kind: 'email' | 'phone',
): ContactChannel[] {
  const clean = (value: string) => (kind === 'email' ? value.trim().toLowerCase() : value.trim());
  const defaultLabel = kind === 'email' ? 'work' : 'mobile';
  const source: ChannelInput[] = list ? [...list] : current.map((channel) => ({ ...channel }));
  const result: ContactChannel[] = [];
  for (const item of source) {
    const value = clean(item.value);
    if (!value || result.some((existing) => existing.value === value)) continue;
    result.push({ value, label: item.label?.trim() || defaultLabel, primary: Boolean(item.primary) });
  }
  if (primaryValue !== undefined) {
    const value = clean(primaryValue);
    for (const channel of result) channel.primary = false;
    const existing = result.find((channel) => channel.value === value);
    if (existing) existing.primary = true;
    else result.unshift({ value, label: defaultLabel, primary: true });
  }
  const primaries = result.filter((channel) => channel.primary);
  if (result.length > 0 && primaries.length !== 1) {
    for (const channel of result) channel.primary = false;
    (primaries[0] ?? result[0]).primary = true;
  }
  return result;
}

export function primaryOf(channels: readonly ContactChannel[]): string | null {
  return channels.find((channel) => channel.primary)?.value ?? null;
}
