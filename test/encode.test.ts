/**
 * Issue 16: each output kind's one encoder (reports/encode.ts), fed every hostile form of server
 * text. No line of the output may be a GitHub workflow command (`::` after trimming, `##[`
 * anywhere), and no terminal control, bidi control or line separator may survive raw.
 */
import { describe, expect, it } from 'vitest';
import {
  annotationData, annotationProperty, htmlAttr, htmlInMarkdown, htmlText, jsonText, markdownCode, markdownFence, markdownInline, noLegacyCommand,
  terminalText, xmlAttr, xmlText,
} from '../reports/encode.js';

export const HOSTILE_TEXT: Record<string, string> = {
  'stop-commands after a newline': 'gpt-4o\n::stop-commands::pwned',
  'add-mask after CR': 'x\r::add-mask::secret',
  'indented command after CRLF': 'x\r\n   ::error file=a::forged',
  'command after a tab and NBSP': 'x\n\t\u00a0::warning::forged',
  'command at the very start': '::error::forged',
  'command after leading spaces': '   ::notice::forged',
  'legacy form mid-line': 'model ##[error]forged',
  'legacy form split by nothing': '####[[warning]',
  'forged verdict line': 'x\nVerdict: CONFORMS — no MUST check failed',
  'ESC sequences': 'a\u001b[2J\u001b]0;title\u0007b',
  'C1 control (CSI)': 'a\u009b31mb',
  'DEL and NUL': 'a\u007f\u0000b',
  'bidi overrides and isolates': '\u202aa\u202bb\u202cc\u202dd\u202ee\u2066f\u2067g\u2068h\u2069',
  'bidi marks': 'a\u200eb\u200fc\u061cd',
  'line and paragraph separators': 'a\u2028::error::x\u2029b',
  'next line (NEL)': 'a\u0085::error::x',
  'lone surrogates': 'a\ud800b\udc00c',
  'BOM before a command': 'x\n\ufeff::error::forged',
};

/** GitHub's runner splits on CR, LF or CRLF; U+2028/2029/NEL are checked too, to be safe. */
const LINES = /\r\n|\r|\n|\u2028|\u2029|\u0085/;
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function expectNoCommand(out: string): void {
  expect(out).not.toContain('##[');
  for (const line of out.split(LINES)) expect(line.replace(/^[\s\ufeff]+/, '')).not.toMatch(/^::/);
}

const ENCODERS: Record<string, (s: string) => string> = {
  terminalText, annotationData, annotationProperty, xmlText, xmlAttr, htmlText, htmlAttr, markdownFence, markdownCode, markdownInline, htmlInMarkdown,
  jsonText: (s) => jsonText(JSON.stringify({ [s]: [s] }, null, 2)),
};

describe.each(Object.entries(ENCODERS))('%s', (_name, encode) => {
  it.each(Object.entries(HOSTILE_TEXT))('%s: no workflow command, no hidden character', (_case, input) => {
    const out = encode(input);
    expectNoCommand(out);
    expect(out).not.toMatch(HIDDEN);
  });

  it('leaves ordinary text readable', () => {
    expect(encode('gpt-4o-mini (2024-07-18): 50 ms, café, 日本語, 🙂')).toContain('2024-07-18');
  });
});

describe('per kind', () => {
  it('terminal text is one line: newlines and CR are shown, never emitted', () => {
    for (const input of Object.values(HOSTILE_TEXT)) expect(terminalText(input)).not.toMatch(LINES);
    expect(terminalText('a\nVerdict: CONFORMS')).toBe('a\\nVerdict: CONFORMS');
    expect(terminalText('::error::x')).toBe('\\u003a:error::x');
    expect(terminalText('a ##[error]b')).toBe('a ##\\u005berror]b');
    expect(terminalText('a\u202eb')).toBe('a\\u202eb');
  });

  it('annotation data keeps the runner’s own escapes and has no raw line break', () => {
    expect(annotationData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(annotationProperty('a: b, c')).toBe('a%3A b%2C c');
    for (const input of Object.values(HOSTILE_TEXT)) expect(annotationData(input)).not.toMatch(LINES);
  });

  it('JSON stays the same value after parsing', () => {
    for (const input of Object.values(HOSTILE_TEXT)) {
      const value = { [input]: [input, { id: input }] };
      const text = jsonText(JSON.stringify(value, null, 2));
      expect(JSON.parse(text)).toEqual(value);
    }
  });

  it('a redaction after encoding cannot form the legacy command', () => {
    expect(noLegacyCommand('x ##[REDACTED] y')).toBe('x ##\\u005bREDACTED] y');
    const json = noLegacyCommand(JSON.stringify({ a: '##[REDACTED]' }));
    expect(json).not.toContain('##[');
    expect(JSON.parse(json)).toEqual({ a: '##[REDACTED]' });
  });

  it('markup cannot be injected', () => {
    expect(htmlText('<script>&')).toBe('&lt;script&gt;&amp;');
    expect(htmlAttr('"\'')).toBe('&quot;&#39;');
    expect(xmlAttr('"\n\t')).toBe('&quot;&#10;&#9;');
    expect(markdownFence('```\nx')).toMatch(/^````text\n/);
    expect(markdownInline('@team *x*')).toBe('@\u200bteam \\*x\\*');
  });
});
