/**
 * A small YAML 1.2 emitter for JSON data (no YAML package is a runtime dependency).
 *
 * Block style, two-space indent. A string is plain only when it is an identifier-like word that no
 * YAML 1.1 or 1.2 schema reads as anything but a string; every other string is double-quoted
 * with JSON escapes (a subset of YAML's), plus \u escapes for what YAML may not carry raw.
 */
import type { Json } from './bundle.js';

// Words that YAML 1.1 (yes/no/on/off/y/n) or 1.2 (true/false/null) resolve to non-strings.
const RESERVED = /^(?:y|yes|n|no|true|false|on|off|null)$/i;
const PLAIN = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function quote(s: string): string {
  // JSON.stringify escapes ", \, C0 controls and lone surrogates; YAML also forbids DEL, C1 controls
  // and U+FFFE/U+FFFF raw, and YAML 1.1 parsers read U+0085/U+2028/U+2029 as line breaks.
  return JSON.stringify(s).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function str(s: string): string {
  return PLAIN.test(s) && !RESERVED.test(s) ? s : quote(s);
}

function scalar(v: Json): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`YAML: ${v} is not a JSON number`);
    return JSON.stringify(v);
  }
  if (typeof v === 'string') return str(v);
  if (Array.isArray(v)) return v.length === 0 ? '[]' : undefined;
  return Object.keys(v).length === 0 ? '{}' : undefined;
}

function lines(v: Json, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  if (Array.isArray(v)) {
    for (const item of v) {
      const s = scalar(item);
      if (s !== undefined) out.push(`${pad}- ${s}`);
      else {
        // The item's first line shares the dash: "- key: value" / "- - value".
        const inner = lines(item, indent + 2);
        out.push(`${pad}- ${inner[0]!.slice(indent + 2)}`, ...inner.slice(1));
      }
    }
  } else if (v !== null && typeof v === 'object') {
    for (const [k, item] of Object.entries(v)) {
      const s = scalar(item);
      if (s !== undefined) out.push(`${pad}${str(k)}: ${s}`);
      else out.push(`${pad}${str(k)}:`, ...lines(item, indent + 2));
    }
  } else {
    out.push(`${pad}${scalar(v)!}`);
  }
  return out;
}

/** `value` as a YAML document that parses back to a deep-equal value. */
export function toYaml(value: Json): string {
  const s = scalar(value);
  return `${s !== undefined ? s : lines(value, 0).join('\n')}\n`;
}
