/** The token of an `Authorization: Bearer …` header, if that is what it holds. */
export function bearerTokenOf(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null;
  return match?.[1];
}

/** The API key of `Authorization: ApiKey …` or, without an Authorization header, of `x-api-key`. */
export function apiKeyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const authorization = Array.isArray(headers.authorization) ? headers.authorization[0] : headers.authorization;
  if (authorization) {
    const match = /^ApiKey\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1];
  }
  const header = headers['x-api-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value?.trim() || undefined;
}
