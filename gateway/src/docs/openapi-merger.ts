/** Minimal OpenAPI shapes the merge touches; everything else is carried over untouched. */
export interface OpenApiDocument {
  openapi: string;
  info: Record<string, unknown>;
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown> | undefined>;
  tags?: { name: string; description?: string }[];
  [key: string]: unknown;
}

export interface ServiceDocument {
  service: string;
  document: OpenApiDocument;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * The gateway's document plus every service's: paths the gateway already has win; a component
 * whose name is taken by a different definition is renamed `<service>_<Name>` (with its $refs);
 * operations without tags get the service's name as tag; clashing operationIds get a prefix.
 */
export function mergeOpenApi(base: OpenApiDocument, services: readonly ServiceDocument[], unavailable: readonly string[] = []): OpenApiDocument {
  const merged: OpenApiDocument = structuredClone(base);
  merged.paths ??= {};
  merged.components ??= {};
  const tags = new Map((merged.tags ?? []).map((tag) => [tag.name, tag]));
  const operationIds = new Set(collectOperationIds(merged.paths));

  for (const { service, document: original } of services) {
    // First decide which component names clash, then rewrite the service's $refs once.
    const renames = new Map<string, string>();
    for (const [kind, entries] of Object.entries(original.components ?? {})) {
      for (const [name, definition] of Object.entries(entries ?? {})) {
        const taken = merged.components[kind]?.[name];
        if (taken !== undefined && JSON.stringify(taken) !== JSON.stringify(definition)) renames.set(`#/components/${kind}/${name}`, `#/components/${kind}/${service}_${name}`);
      }
    }
    const document = rewriteRefs(original, renames) as OpenApiDocument;
    for (const [kind, entries] of Object.entries(document.components ?? {})) {
      const target = (merged.components[kind] ??= {});
      for (const [name, definition] of Object.entries(entries ?? {})) {
        const finalName = renames.has(`#/components/${kind}/${name}`) ? `${service}_${name}` : name;
        target[finalName] ??= definition;
      }
    }
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      const target = (merged.paths[path] ??= {});
      for (const [method, operation] of Object.entries(item)) {
        if (method in target) continue;
        if (!HTTP_METHODS.has(method)) {
          target[method] = operation;
          continue;
        }
        const op = { ...(operation as Record<string, unknown>) };
        if (!Array.isArray(op.tags) || op.tags.length === 0) op.tags = [service];
        for (const tag of op.tags as string[]) if (typeof tag === 'string' && !tags.has(tag)) tags.set(tag, { name: tag, description: `${service} service` });
        if (typeof op.operationId === 'string') {
          const operationId = operationIds.has(op.operationId) ? `${service}_${op.operationId}` : op.operationId;
          op.operationId = operationId;
          operationIds.add(operationId);
        }
        target[method] = op;
      }
    }
  }
  merged.tags = [...tags.values()];
  merged['x-unavailable-services'] = [...unavailable];
  return merged;
}

function collectOperationIds(paths: Record<string, Record<string, unknown>>): string[] {
  return Object.values(paths).flatMap((item) =>
    Object.values(item)
      .map((op) => (op as { operationId?: unknown }).operationId)
      .filter((id): id is string => typeof id === 'string'),
  );
}

function rewriteRefs(value: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (renames.size === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((entry) => rewriteRefs(entry, renames));
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    result[key] = key === '$ref' && typeof entry === 'string' ? (renames.get(entry) ?? entry) : rewriteRefs(entry, renames);
  }
  return result;
}
