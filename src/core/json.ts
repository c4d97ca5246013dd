/**
 * JSON.parse behind a nesting limit. V8 parses any depth, but JSON.stringify, Ajv and the checks
 * recurse: a body nested a few thousand levels deep would overflow the stack there. Real API
 * bodies are a handful of levels deep, so anything past the limit is refused before parsing.
 */
export const MAX_JSON_DEPTH = 512;

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string; tooDeep?: true };

export function parseJson(text: string, maxDepth = MAX_JSON_DEPTH): Parsed {
  const depth = nestingDepth(text, maxDepth);
  if (depth > maxDepth) return { ok: false, error: `JSON nested deeper than ${maxDepth} levels`, tooDeep: true };
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
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // To the closing quote: the first one not escaped by an odd run of backslashes.
      for (;;) {
        i = text.indexOf('"', i + 1);
        if (i === -1) return max;
        let b = i - 1;
        while (text.charCodeAt(b) === 0x5c) b--;
        if ((i - b) % 2 === 1) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) {
        max = depth;
        if (max > stopAbove) return max;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}
