import { describe, expect, it } from 'vitest';
import { nestingDepth } from '../src/core/json.js';

/** The obvious character-at-a-time scan that nestingDepth's string skipping must agree with. */
function reference(text: string, stopAbove = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      max = Math.max(max, ++depth);
      if (max > stopAbove) return max;
    } else if (c === ']' || c === '}') depth--;
  }
  return max;
}

describe('nestingDepth', () => {
  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestingDepth('{"a":"[[[\\"]]]"}')).toBe(1);
    expect(nestingDepth('[["\\\\"],[1]]')).toBe(2);
    expect(nestingDepth('["\\\\\\"[["]')).toBe(1);
    expect(nestingDepth('["unterminated [[[')).toBe(1);
  });

  it('stops once past the limit', () => {
    expect(nestingDepth('['.repeat(10_000), 512)).toBe(513);
  });

  it('agrees with a character-at-a-time scan on random text', () => {
    const alphabet = '"\\[]{}a:, 1';
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 20_000; n++) {
      let s = '';
      for (let k = 1 + Math.floor(random() * 30); k > 0; k--) s += alphabet[Math.floor(random() * alphabet.length)];
      expect(nestingDepth(s), s).toBe(reference(s));
      expect(nestingDepth(s, 2), s).toBe(reference(s, 2));
    }
  });
});
