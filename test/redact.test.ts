/** Issue 16: every form of a key a server can echo, and every cut a report can make, is redacted. */
import { describe, expect, it } from 'vitest';
import { Redactor } from '../src/core/redact.js';
import { cut } from '../src/core/evidence.js';

const KEY = 'sk-live-Echo-Me-If-You-Can-0123456789';
const pct = (s: string) => [...Buffer.from(s)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
const uEsc = (s: string) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
const mix = (s: string, forms: ((c: string) => string)[]) => [...s].map((c, i) => forms[i % forms.length]!(c)).join('');

/** Each form, wrapped in other text; none may keep 8 characters of the key's own text or of its encoding. */
export const KEY_FORMS: Record<string, string> = {
  plain: KEY,
  lowercased: KEY.toLowerCase(),
  uppercased: KEY.toUpperCase(),
  'URL-encoded (encodeURIComponent)': encodeURIComponent(KEY),
  'fully percent-encoded': pct(KEY),
  'fully percent-encoded, lowercase hex': pct(KEY).toLowerCase(),
  'partly percent-encoded': mix(KEY, [(c) => c, pct]),
  'JSON \\u-escaped throughout': uEsc(KEY),
  'JSON \\u-escaped in a mix': mix(KEY, [(c) => c, uEsc, (c) => c.toUpperCase()]),
  'percent and \\u in one': mix(KEY, [pct, uEsc, (c) => c]),
  'base64, aligned': Buffer.from(KEY).toString('base64'),
  'base64 of "Bearer " + key': Buffer.from(`Bearer ${KEY}`).toString('base64'),
  'base64 at the third alignment': Buffer.from(`xy${KEY}`).toString('base64'),
  'base64url at each alignment': ['', 'a', 'ab'].map((p) => Buffer.from(`${p}${KEY}`).toString('base64url')).join(' '),
  'base64 of a JSON blob holding it': Buffer.from(JSON.stringify({ user: 'me', token: KEY, n: 1 })).toString('base64'),
  hex: Buffer.from(KEY).toString('hex'),
  'hex, uppercase': Buffer.from(KEY).toString('hex').toUpperCase(),
  'a same-origin Location, fully encoded': `/next?token=${pct(KEY)}&x=1`,
};

/** Any 8-character window of the key, or of one of its encodings, left in the text. */
function leaks(text: string): string | undefined {
  const encodings = [KEY, Buffer.from(KEY).toString('hex'), ...['', 'a', 'ab'].flatMap((p) => [Buffer.from(`${p}${KEY}`).toString('base64').slice(4, -4), Buffer.from(`${p}${KEY}`).toString('base64url').slice(4, -4)])];
  const lower = text.toLowerCase();
  for (const enc of encodings) for (let i = 0; i + 8 <= enc.length; i++) if (lower.includes(enc.slice(i, i + 8).toLowerCase())) return enc.slice(i, i + 8);
  return undefined;
}

describe('Redactor', () => {
  const r = new Redactor([KEY]);

  it.each(Object.entries(KEY_FORMS))('%s', (_name, form) => {
    const out = r.text(`before ${form} after`);
    expect(out).toContain('[REDACTED]');
    expect(leaks(out)).toBeUndefined();
    // The same form inside a JSON report is redacted by deep() too.
    expect(leaks(JSON.stringify(r.deep({ nested: [`x${form}y`], [form]: 1 })))).toBeUndefined();
  });

  it('the JSON-escaped form kept in a body as sent, and the value it parses to', () => {
    const body = `{"id":"${mix(KEY, [uEsc, (c) => c])}"}`;
    const shown = r.text(body);
    expect(leaks(shown)).toBeUndefined();
    expect(leaks(JSON.stringify(JSON.parse(shown)))).toBeUndefined();
  });

  it.each([4, 7, 12, 20, KEY.length - 1])('a cut leaving %i characters of the key is redacted', (n) => {
    const text = `${'x'.repeat(100)}${KEY}${'y'.repeat(100)}`;
    const excerpt = r.text(cut(text, 100 + n));
    expect(excerpt).toContain('[REDACTED]…');
    expect(excerpt).not.toContain(KEY.slice(0, 4));
  });

  it('leaves innocent text alone', () => {
    const text = 'gpt-4o-mini sk-other-key 0123456789 c2stbGl2 Bearer … done';
    expect(r.text(text)).toBe(text);
  });
});
