/** The HTML report's body view: indentation, the marked pointer, cut-off bodies, escaping. */
import { describe, expect, it } from 'vitest';
import { prettyJsonHtml } from '../reports/pretty-json.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('prettyJsonHtml', () => {
  it('indents like JSON.stringify(…, 2) when nothing is marked', () => {
    const value = { object: 'list', data: [{ id: 'a', created: 1, tags: [], meta: {} }, { id: 'b', n: null, ok: true }] };
    expect(prettyJsonHtml(JSON.stringify(value), undefined, esc)).toBe(JSON.stringify(value, null, 2));
  });

  it('marks exactly the value at the pointer: a scalar, a container, an escaped key', () => {
    const body = JSON.stringify({ data: [{ id: 'a', created: 5 }, { id: 'b', created: 7 }], 'a/b': { '~x': 1 } });
    const marked = (p: string) => [...prettyJsonHtml(body, p, esc)!.matchAll(/<mark class="at"[^>]*>([\s\S]*?)<\/mark>/g)].map((m) => m[1]);
    expect(marked('/data/1/created')).toEqual(['7']);
    expect(marked('/data/0')).toEqual([JSON.stringify({ id: 'a', created: 5 }, null, 2).replace(/\n/g, '\n    ')]);
    expect(marked('/a~1b/~0x')).toEqual(['1']);
    expect(marked('/data/9')).toEqual([]);
  });

  it('indents a body cut short for evidence as far as it goes, and keeps the cut marker as text', () => {
    const out = prettyJsonHtml('{"data":[{"id":"a"},{"id":"b","x":[1,2… [300 more chars]', '/data/1/x/1', esc)!;
    expect(out).toContain('\n      "x": [\n        1,\n        <mark');
    expect(out.endsWith('\n… [300 more chars]')).toBe(true);
  });

  it('leaves what is not JSON to the caller, and escapes everything it shows', () => {
    expect(prettyJsonHtml('<html>', undefined, esc)).toBeUndefined();
    const out = prettyJsonHtml('{"</script><img src=x>":"<b>&amp;"}', '/<~1script><img src=x>', esc)!;
    expect(out).not.toMatch(/<(?!\/?mark)/);
    expect(out).toContain('&lt;/script&gt;&lt;img src=x&gt;');
    expect(out).toContain('<mark class="at" title="the failing value">"&lt;b&gt;&amp;amp;"</mark>');
  });
});
