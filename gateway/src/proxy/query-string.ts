/** A path-and-query with one query parameter removed (the rest kept as sent, order included). */
export function withoutQueryParam(url: string, name: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt < 0) return url;
  const kept = url
    .slice(queryAt + 1)
    .split('&')
    .filter((pair) => pair !== '' && decodeURIComponent(pair.split('=')[0]!.replace(/\+/g, ' ')) !== name);
  return kept.length > 0 ? `${url.slice(0, queryAt)}?${kept.join('&')}` : url.slice(0, queryAt);
}
