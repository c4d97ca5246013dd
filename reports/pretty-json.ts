/**
 * A JSON body for reading in the HTML report: indented, with the value a failure points at
 * (its JSON pointer) wrapped in a <mark>. Works token by token, so a body cut short for evidence
 * (or not quite JSON) is still indented as far as it goes. All text passes through `esc`.
 */

type Frame = { kind: 'object'; key: string | undefined; expectKey: boolean } | { kind: 'array'; index: number };

/** `/data/0/created` -> ['data', '0', 'created'] (RFC 6901 unescaping). */
function tokens(pointer: string): string[] {
  return pointer === '' || pointer === '/' ? [] : pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const OPEN_MARK = '<mark class="at" title="the failing value">';

/** Indented HTML for a JSON-looking body, or undefined when it does not start like JSON. */
export function prettyJsonHtml(body: string, pointer: string | undefined, esc: (s: string) => string): string | undefined {
  if (!/^\s*[[{]/.test(body)) return undefined;
  // The evidence's own marker for a cut-off body (src/core/runner.ts) is not part of the JSON.
  const cut = /… \[\d+ more chars\]$/.exec(body);
  if (cut) return `${prettyJsonHtml(body.slice(0, cut.index), pointer, esc)}\n${esc(cut[0])}`;
  const target = pointer === undefined ? undefined : tokens(pointer).join('\u0000');
  const stack: Frame[] = [];
  const out: string[] = [];
  /** Stack depth at which the marked value ends (its container's depth), when inside a mark. */
  let markDepth: number | undefined;
  let marked = false;
  const indent = () => '\n' + '  '.repeat(stack.length);
  const path = () => stack.map((f) => (f.kind === 'array' ? String(f.index) : (f.key ?? ''))).join('\u0000');
  const closeMarkAt = (depth: number) => {
    if (markDepth === depth) {
      out.push('</mark>');
      markDepth = undefined;
    }
  };
  const startValue = () => {
    if (target !== undefined && !marked && markDepth === undefined && path() === target) {
      out.push(OPEN_MARK);
      markDepth = stack.length;
      marked = true;
    }
  };

  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < body.length && body[j] !== '"') j += body[j] === '\\' ? 2 : 1;
      const raw = body.slice(i, j + 1);
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.expectKey) {
        try {
          top.key = JSON.parse(raw) as string;
        } catch {
          top.key = raw;
        }
        top.expectKey = false;
        out.push(esc(raw));
      } else {
        startValue();
        out.push(esc(raw));
        closeMarkAt(stack.length);
      }
      i = j + 1;
      continue;
    }
    if (c === '{' || c === '[') {
      startValue();
      out.push(c);
      stack.push(c === '{' ? { kind: 'object', key: undefined, expectKey: true } : { kind: 'array', index: 0 });
      // An empty container stays on one line.
      const rest = body.slice(i + 1).match(/^\s*[}\]]/);
      if (!rest) out.push(indent());
      i++;
      continue;
    }
    if (c === '}' || c === ']') {
      const wasEmpty = /[[{]\s*$/.test(body.slice(0, i));
      stack.pop();
      if (!wasEmpty) out.push(indent());
      out.push(c);
      closeMarkAt(stack.length);
      i++;
      continue;
    }
    if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.index++;
      else if (top) {
        top.expectKey = true;
        top.key = undefined;
      }
      out.push(',', indent());
      i++;
      continue;
    }
    if (c === ':') {
      out.push(': ');
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    // A bare word or number, or the evidence's "… [N more chars]" tail: up to the next delimiter.
    let j = i;
    while (j < body.length && !/[\s,:{}[\]"]/.test(body[j]!)) j++;
    if (j === i) j = i + 1;
    const top = stack[stack.length - 1];
    const isValue = !(top?.kind === 'object' && top.expectKey);
    if (isValue) startValue();
    out.push(esc(body.slice(i, j)));
    if (isValue) closeMarkAt(stack.length);
    i = j;
  }
  if (markDepth !== undefined) out.push('</mark>');
  return out.join('');
}
