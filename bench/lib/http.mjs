// Minimal JSON-over-HTTP helpers for seeding and probing (global fetch = undici, keep-alive).

export async function requestJson(method, url, { token, body, headers = {}, timeoutMs = 15_000 } = {}) {
  const init = { method, headers: { ...headers }, signal: AbortSignal.timeout(timeoutMs) };
  if (token) init.headers.authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  const text = await response.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed, bytes: Buffer.byteLength(text) };
}

/** Runs `task(i)` for i in 0..count-1 with at most `concurrency` in flight; returns the results in order. */
export async function inParallel(count, concurrency, task) {
  const results = Array.from({ length: count });
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

export function contactBody(i, tag) {
  return {
    kind: 'person',
    firstName: 'Carga',
    lastName: `Prueba ${tag} ${i}`,
    email: `carga-${tag}-${i}@bench.test`,
    phone: '+57 300 000 0000',
    city: 'Bogotá',
    country: 'CO',
    tags: ['bench'],
  };
}
