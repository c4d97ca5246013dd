/**
 * JSON.parse behind a nesting limit. V8 parses any depth, but JSON.stringify, Ajv and the checks
 * recurse: a body nested a few thousand levels deep would overflow the stack there. Real API
 * bodies are a handful of levels deep, so anything past the limit is refused before parsing.
 */
export const MAX_JSON_DEPTH = 512;

/**
 * Memory and time bound: a parsed value costs V8 up to ~60 bytes per JSON value, so a body of
 * millions of tiny values (`[{},{},…]`, 3 bytes each) costs 20x its size and keeps every check
 * busy. Real bodies hold one value per 15–50 bytes (test/fixtures/real/); past one per
 * BYTES_PER_VALUE (and past MIN_VALUES_LIMIT) the body is refused before parsing.
 */
export const BYTES_PER_VALUE = 8;
export const MIN_VALUES_LIMIT = 100_000;

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string; tooDeep?: true; tooDense?: true };

export function parseJson(text: string, maxDepth = MAX_JSON_DEPTH): Parsed {
  const { depth, values } = scanJson(text, maxDepth);
  if (depth > maxDepth) return { ok: false, error: `JSON nested deeper than ${maxDepth} levels`, tooDeep: true };
  const maxValues = Math.max(MIN_VALUES_LIMIT, Math.floor(text.length / BYTES_PER_VALUE));
  if (values > maxValues) {
    return { ok: false, error: `at least ${values} JSON values in ${text.length} characters, more than one per ${BYTES_PER_VALUE} characters (the limit here is ${maxValues})`, tooDense: true };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/**
 * Bracket depth outside strings, scanning stops once past `stopAbove`. Linear, no allocation.
 * Strings (most of a body) are skipped with indexOf, a native scan: this pass costs about as
 * much as JSON.parse itself when done a character at a time (bench/, 5,000-model catalogue).
 */
export function nestingDepth(text: string, stopAbove = Infinity): number {
  return scanJson(text, stopAbove).depth;
}

/** The same scan, also counting values (containers and commas outside strings, plus one). */
export function scanJson(text: string, stopAbove = Infinity): { depth: number; values: number } {
  let depth = 0;
  let max = 0;
  let values = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // To the closing quote: the first one not escaped by an odd run of backslashes.
      for (;;) {
        i = text.indexOf('"', i + 1);
        if (i === -1) return { depth: max, values };
        let b = i - 1;
        while (text.charCodeAt(b) === 0x5c) b--;
        if ((i - b) % 2 === 1) break;
      }
    } else if (c === 0x2c) values++;
    else if (c === 0x5b || c === 0x7b) {
      values++;
      if (++depth > max) {
        max = depth;
        if (max > stopAbove) return { depth: max, values };
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return { depth: max, values };
}
