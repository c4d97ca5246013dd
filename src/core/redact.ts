/**
 * Redaction by value: every secret is replaced wherever it appears (headers, URLs, bodies the
 * server echoes back), in its plain, URL-encoded, JSON-escaped and base64 forms.
 */
export const REDACTED = '[REDACTED]';

export class Redactor {
  private readonly needles: string[];
  private readonly pattern: RegExp | undefined;

  constructor(secrets: readonly (string | undefined)[]) {
    const forms = new Set<string>();
    for (const s of secrets) {
      // Very short values would redact innocent text; keys are never that short.
      if (!s || s.length < 4) continue;
      forms.add(s);
      forms.add(encodeURIComponent(s));
      forms.add(JSON.stringify(s).slice(1, -1));
      forms.add(Buffer.from(s).toString('base64').replace(/=+$/, ''));
    }
    // Longest first so a form that contains another is replaced whole.
    this.needles = [...forms].sort((a, b) => b.length - a.length);
    // Case-insensitive: an echoed key can come back lowercased (header names, URL hosts).
    const escaped = this.needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.pattern = escaped.length ? new RegExp(escaped.join('|'), 'gi') : undefined;
  }

  text(value: string): string {
    return this.pattern ? value.replace(this.pattern, REDACTED) : value;
  }

  /** Names too: a server can echo a key as a header name (which arrives lowercased). */
  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) out[this.text(k)] = this.text(v);
    return out;
  }

  /**
   * Deep redaction of any JSON-like value (used on whole reports as a last line of defence): the
   * value itself when no secret shows anywhere in it, else a redacted copy. One search of its JSON
   * text decides, since a secret in any string or name shows there plainly or JSON-escaped, and
   * both forms are searched; walking a whole report instead costs several times more.
   */
  deep<T>(value: T): T {
    if (!this.pattern || JSON.stringify(value)?.search(this.pattern) === -1) return value;
    return this.copy(value);
  }

  private copy<T>(value: T): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.copy(v)) as T;
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[this.text(k)] = this.copy(v);
      return out as T;
    }
    return value;
  }
}
