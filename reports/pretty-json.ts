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
  const printer = new Printer(pointer === undefined ? undefined : tokens(pointer).join('\u0000'), esc);
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === '"') {
      const end = stringEnd(body, i);
      printer.string(body.slice(i, end));
      i = end;
    } else if (c === '{' || c === '[') {
      // An empty container stays on one line.
      printer.open(c, /^\s*[}\]]/.test(body.slice(i + 1)));
      i++;
    } else if (c === '}' || c === ']') {
      printer.close(c, /[[{]/.test(body[previousNonSpace(body, i)] ?? ''));
      i++;
    } else if (c === ',' || c === ':') {
      printer.punctuation(c);
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      const end = wordEnd(body, i);
      printer.word(body.slice(i, end));
      i = end;
    }
  }
  return printer.finish();
}

/** Just past the string that opens at `start` (its closing quote, or the end of a cut body). */
function stringEnd(body: string, start: number): number {
  let j = start + 1;
  while (j < body.length && body[j] !== '"') j += body[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** The end of a bare word or number, or of the evidence's "… [N more chars]" tail: the next delimiter. */
function wordEnd(body: string, start: number): number {
  let j = start;
  while (j < body.length && !/[\s,:{}[\]"]/.test(body[j]!)) j++;
  return j === start ? start + 1 : j;
}

/** The index of the last character before `i` that is not whitespace (-1 if none). */
function previousNonSpace(body: string, i: number): number {
  let j = i - 1;
  while (j >= 0 && /\s/.test(body[j]!)) j--;
  return j;
}

/** One pass over a body: the containers open at this point, the output so far, and the mark. */
class Printer {
  private readonly stack: Frame[] = [];
  private readonly out: string[] = [];
  /** Stack depth at which the marked value ends (its container's depth), when inside a mark. */
  private markDepth: number | undefined;
  private marked = false;

  /** `target`: the pointer's tokens joined by NUL, as `path()` joins the open containers. */
  constructor(private readonly target: string | undefined, private readonly esc: (s: string) => string) {}

  string(raw: string): void {
    const top = this.top();
    if (top?.kind !== 'object' || !top.expectKey) return this.value(raw);
    try {
      top.key = JSON.parse(raw) as string;
    } catch {
      top.key = raw;
    }
    top.expectKey = false;
    this.out.push(this.esc(raw));
  }

  /** A bare word or number: a value, unless it stands where an object's key should. */
  word(raw: string): void {
    const top = this.top();
    if (top?.kind === 'object' && top.expectKey) this.out.push(this.esc(raw));
    else this.value(raw);
  }

  open(c: '{' | '[', empty: boolean): void {
    this.startValue();
    this.out.push(c);
    this.stack.push(c === '{' ? { kind: 'object', key: undefined, expectKey: true } : { kind: 'array', index: 0 });
    if (!empty) this.out.push(this.indent());
  }

  close(c: '}' | ']', empty: boolean): void {
    this.stack.pop();
    if (!empty) this.out.push(this.indent());
    this.out.push(c);
    this.closeMarkAt(this.stack.length);
  }

  punctuation(c: ',' | ':'): void {
    if (c === ':') {
      this.out.push(': ');
      return;
    }
    const top = this.top();
    if (top?.kind === 'array') top.index++;
    else if (top) {
      top.expectKey = true;
      top.key = undefined;
    }
    this.out.push(',', this.indent());
  }

  finish(): string {
    if (this.markDepth !== undefined) this.out.push('</mark>');
    return this.out.join('');
  }

  /** A value of one token: marked when it is the one the pointer names. */
  private value(raw: string): void {
    this.startValue();
    this.out.push(this.esc(raw));
    this.closeMarkAt(this.stack.length);
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private indent(): string {
    return '\n' + '  '.repeat(this.stack.length);
  }

  private path(): string {
    return this.stack.map((f) => (f.kind === 'array' ? String(f.index) : (f.key ?? ''))).join('\u0000');
  }

  private startValue(): void {
    if (this.target !== undefined && !this.marked && this.markDepth === undefined && this.path() === this.target) {
      this.out.push(OPEN_MARK);
      this.markDepth = this.stack.length;
      this.marked = true;
    }
  }

  private closeMarkAt(depth: number): void {
    if (this.markDepth === depth) {
      this.out.push('</mark>');
      this.markDepth = undefined;
    }
  }
}
