/**
 * Redaction by value: every secret is replaced wherever it appears (headers, URLs, bodies the
 * server echoes back, messages) in each form a server or a report can give it:
 * - character by character, each character plain (any case), percent-encoded (`%73`) or
 *   JSON-escaped (`\u0073`, `\/`), in any mix: plain, case-folded, partly or fully URL-encoded,
 *   JSON-escaped, and all of these at once;
 * - base64 and base64url at each of the three byte alignments, so the key is found inside the
 *   base64 of a longer text (`base64("Bearer " + key)`, a JSON blob): the characters that only
 *   the key's own bytes determine;
 * - hex, either case;
 * - a prefix of the key (4 characters or more) cut short by a truncation, which always ends in `…`.
 */
export const REDACTED = '[REDACTED]';

/** Very short values would redact innocent text; keys are never that short. */
const MIN_SECRET = 4;
/** Shorter base64 / hex fragments would match innocent text too often. */
const MIN_ENCODED = 8;

/** A text with none of these can hold a secret only plainly: the cheaper pattern searches it. */
const ESCAPES = /%[0-9a-f]{2}|\\u[0-9a-f]{4}|\\[/"\\]/i;

export class Redactor {
  private readonly pattern: RegExp | undefined;
  /** The same, with each secret only plain (case-insensitive) in place of its per-character mix: ~5x faster. */
  private readonly plainPattern: RegExp | undefined;

  constructor(secrets: readonly (string | undefined)[]) {
    const mixed: string[] = [];
    const plain: string[] = [];
    const rest: string[] = [];
    for (const s of secrets) {
      if (!s || s.length < MIN_SECRET) continue;
      mixed.push(anyCharForm(s));
      plain.push(escapeRegex(s));
      for (const form of encodedForms(s)) if (form.length >= MIN_ENCODED) rest.push(escapeRegex(form));
      rest.push(`${cutPrefix(s)}(?=…)`);
    }
    this.pattern = alternation([...mixed, ...rest]);
    this.plainPattern = alternation([...plain, ...rest]);
  }

  text(value: string): string {
    if (!this.pattern) return value;
    // indexOf is a native scan several times faster than the regex: most bodies have neither.
    const escaped = (value.includes('%') || value.includes('\\')) && ESCAPES.test(value);
    return value.replace(escaped ? this.pattern : this.plainPattern!, REDACTED);
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

/** Longest first, so a form that contains another is replaced whole. */
function alternation(alternatives: string[]): RegExp | undefined {
  const sorted = [...new Set(alternatives)].sort((a, b) => b.length - a.length);
  return sorted.length ? new RegExp(sorted.join('|'), 'gi') : undefined;
}

/** Each character plain, percent-encoded (its UTF-8 bytes) or JSON-escaped, in any mix. */
function anyCharForm(secret: string): string {
  return [...secret].map((c) => {
    const forms = [escapeRegex(c)];
    forms.push([...Buffer.from(c)].map((b) => `%${hex2(b)}`).join(''));
    for (let i = 0; i < c.length; i++) forms.push(`\\\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`);
    if (c === '/') forms.push('\\\\/');
    if (c === '"' || c === '\\') forms.push(`\\\\${escapeRegex(c)}`);
    return `(?:${forms.join('|')})`;
  }).join('');
}

/** base64 and base64url at the three alignments, and hex. */
function encodedForms(secret: string): string[] {
  const bytes = Buffer.from(secret);
  const forms = [bytes.toString('hex')];
  for (let align = 0; align < 3; align++) {
    const encoded = Buffer.concat([Buffer.alloc(align), bytes]).toString('base64');
    // Characters that mix in the bytes before (the first 0, 2 or 3) or after (past 4m/3) are dropped.
    const stable = encoded.slice([0, 2, 3][align], Math.floor((4 * (align + bytes.length)) / 3));
    forms.push(stable, stable.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

/** The secret's first MIN_SECRET characters, then optionally each further one but the last. */
function cutPrefix(secret: string): string {
  const chars = [...secret].map(escapeRegex);
  let tail = '';
  for (let i = chars.length - 2; i >= MIN_SECRET; i--) tail = `(?:${chars[i]}${tail})?`;
  return `${chars.slice(0, MIN_SECRET).join('')}${tail}`;
}

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
