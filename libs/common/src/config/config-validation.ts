/**
 * Environment configuration, validated once at start. Every bad or missing variable is named in
 * one error, so an operator fixes them all in one go instead of one per restart.
 */
export type EnvKind = 'string' | 'url' | 'int' | 'boolean' | 'secret';

export interface EnvVarSpec {
  kind: EnvKind;
  required?: boolean;
  default?: string;
  /** For `secret`: the minimum length. */
  minLength?: number;
  /** For `secret`: refuse known placeholders and low-variety values (signing keys). */
  unguessable?: boolean;
  /** For `url`: accepted protocols without the colon, e.g. ['postgres', 'postgresql']. */
  protocols?: readonly string[];
  description: string;
}

export type EnvSpec = Record<string, EnvVarSpec>;
type Parsed<K extends EnvKind> = K extends 'int' ? number : K extends 'boolean' ? boolean : string;
export type LoadedConfig<S extends EnvSpec> = { [P in keyof S]: S[P]['required'] extends true ? Parsed<S[P]['kind']> : Parsed<S[P]['kind']> | undefined };

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

/** Values published in this repository's history or in common examples: anyone can read them. */
const KNOWN_PLACEHOLDERS = new Set(['change-me-to-a-long-random-secret-of-32+chars']);
const PLACEHOLDER_WORDS = /change[-_ .]?me|replace[-_ .]?me|placeholder|your[-_ .]?(jwt[-_ .]?)?secret|not[-_ .]?a[-_ .]?secret|^<.*>$/i;
const MIN_DISTINCT_CHARACTERS = 10;

/** Why a secret must not be used, or undefined. Never echoes the value. */
export function weakSecretReason(value: string): string | undefined {
  if (KNOWN_PLACEHOLDERS.has(value.toLowerCase()) || PLACEHOLDER_WORDS.test(value)) return 'is a known placeholder';
  if (new Set(value).size < MIN_DISTINCT_CHARACTERS) return `has fewer than ${MIN_DISTINCT_CHARACTERS} different characters`;
  return undefined;
}

function parseValue(name: string, raw: string, spec: EnvVarSpec): { value?: unknown; problem?: string } {
  switch (spec.kind) {
    case 'int': {
      const value = Number(raw);
      return Number.isInteger(value) ? { value } : { problem: `${name} must be an integer (got "${raw}") — ${spec.description}` };
    }
    case 'boolean':
      if (['true', '1', 'yes'].includes(raw.toLowerCase())) return { value: true };
      if (['false', '0', 'no'].includes(raw.toLowerCase())) return { value: false };
      return { problem: `${name} must be true or false (got "${raw}") — ${spec.description}` };
    case 'url':
      try {
        const url = new URL(raw);
        const protocol = url.protocol.replace(/:$/, '');
        if (spec.protocols && !spec.protocols.includes(protocol)) {
          return { problem: `${name} must be a ${spec.protocols.join('/')} URL (got ${protocol}:) — ${spec.description}` };
        }
        return { value: raw };
      } catch {
        return { problem: `${name} is not a valid URL — ${spec.description}` };
      }
    case 'secret':
      if (raw.length < (spec.minLength ?? 1)) return { problem: `${name} must be at least ${spec.minLength} characters — ${spec.description}` };
      if (spec.unguessable) {
        const weak = weakSecretReason(raw);
        if (weak) return { problem: `${name} ${weak}: anyone who has read it could use it; set a long random value (e.g. \`openssl rand -hex 32\`) — ${spec.description}` };
      }
      return { value: raw };
    default:
      return { value: raw };
  }
}

export function loadConfig<S extends EnvSpec>(spec: S, env: NodeJS.ProcessEnv = process.env): LoadedConfig<S> {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [name, varSpec] of Object.entries(spec)) {
    const raw = env[name] ?? varSpec.default;
    if (raw === undefined || raw === '') {
      if (varSpec.required) problems.push(`${name} is required — ${varSpec.description}`);
      continue;
    }
    const { value, problem } = parseValue(name, raw, varSpec);
    if (problem) problems.push(problem);
    else config[name] = value;
  }
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return config as LoadedConfig<S>;
}
