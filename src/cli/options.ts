/** What the commands share: the IO bundle, the exit codes, and the parsing of option values. */
import type { HttpClient } from '../core/http.js';
import { UsageError } from '../core/runner.js';

export interface CliIO {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Ends `serve` (tests); the real process ends it with SIGINT / SIGTERM. */
  signal?: AbortSignal;
  /** Replaces the undici client (tests of the CLI plumbing only; checks are tested against real servers). */
  httpClient?: HttpClient;
}

/** Extra request headers, read from the environment: one `Name: value` a line, values redacted like keys. */
export const HEADERS_ENV = 'CONFORMANCE_HEADERS';

export const EXIT = { ok: 0, failed: 1, usage: 2, unreachable: 3, inconclusive: 4 } as const;

export function intOption(value: string | undefined, name: string, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} takes a whole number >= ${min}, not "${value}"`);
  return n;
}

/** A non-negative number (fractions allowed), e.g. --rate-limit 0.5. */
export function numberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--${name} takes a number >= 0, not "${value}"`);
  return n;
}

export function listOption(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

export function splitLines(value: string | undefined): string[] {
  return (value ?? '').split(/\r?\n/).filter((l) => l.trim() !== '');
}

export function headerOptions(raw: readonly string[], from = '--header'): [string, string][] {
  return raw.map((h) => {
    const colon = h.indexOf(':');
    if (colon <= 0) throw new UsageError(`${from} takes 'Name: value', not "${from === '--header' ? h : h.slice(0, Math.max(colon, 0)) + '…'}"`);
    return [h.slice(0, colon).trim(), h.slice(colon + 1).trim()];
  });
}
