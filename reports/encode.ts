/**
 * The one encoding of server text per output kind. Anything a server sends is data: it must not
 * drive a terminal, reorder what is shown (bidi controls), start a line where we did not (raw
 * newlines, U+2028/2029), or be read by a CI runner as a workflow command. GitHub's runner reads
 * stdout and stderr alike: a line that starts with `::` after trimming is a command, and so is a
 * line holding `##[` anywhere (the legacy form). Every writer passes server text through the
 * function for its kind, and nowhere else builds output from it. Files are encoded the same way
 * as the streams: a CI step may print any of them.
 */

/**
 * Shown as `\uXXXX`: C0 and C1 controls (not tab and newlines), DEL, bidi marks, embeddings,
 * overrides and isolates (U+061C, U+200E/F, U+202A–202E, U+2066–2069), U+2028/2029, U+FEFF, the
 * interlinear annotations U+FFF9–FFFB and lone surrogates. Everything else is kept as sent.
 */
const HIDDEN = /[^\t\n\r\x20-\x7e\xa0-\u061b\u061d-\u200d\u2010-\u2027\u202f-\u2065\u206a-\ud7ff\ue000-\ufefe\uff00-\ufff8\ufffc\ufffd\u{10000}-\u{10ffff}]/gu;

function hex4(c: string): string {
  return `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`;
}

/** The base of every kind: hidden characters made visible; tab, CR and LF are left to the kind. */
export function visibleControls(s: string): string {
  return s.replace(HIDDEN, hex4);
}

/**
 * No workflow command: `##[` anywhere becomes `##\u005b`, and a line whose trimmed text starts
 * with `::` gets its first colon as `\u003a`. (.NET's Trim and line reader: any Unicode space;
 * CR, LF or CRLF end a line.)
 */
export function neutraliseCommands(s: string): string {
  return s.replace(/##\[/g, '##\\u005b').replace(/(^|[\r\n])(\s*):(?=:)/g, '$1$2\\u003a');
}

/**
 * For whole outputs after the last redaction pass: `[REDACTED]` put after a server's `##` would
 * form `##[`. (Valid wherever it lands: visible text, a JSON escape, annotation data.)
 */
export function noLegacyCommand(s: string): string {
  return s.replace(/##\[/g, '##\\u005b');
}

/** Terminal (and any other stdout / stderr text): one line, visible controls, no command. */
export function terminalText(s: string): string {
  return neutraliseCommands(visibleControls(s).replace(/\r/g, '\\r').replace(/\n/g, '\\n'));
}

/** Workflow-command message data: %, CR and LF encoded as the runner decodes them; no nested command. */
export function annotationData(s: string): string {
  return neutraliseCommands(visibleControls(s)).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command property values also may not hold `:` or `,`, which delimit properties. */
export function annotationProperty(s: string): string {
  return annotationData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * A serialised JSON document, made safe to print: hidden characters JSON.stringify leaves raw
 * become `\uXXXX` escapes and `##[` becomes `#\u0023[`. Both occur only inside strings, so the
 * document parses to exactly the same value. JSON.stringify's lines start with space, a quote
 * or a bracket, never `::`.
 */
export function jsonText(json: string): string {
  return json.replace(HIDDEN, hex4).replace(/##\[/g, '#\\u0023[');
}

/** XML character data: markup escaped, \r kept (parsers would fold it), invalid XML 1.0 characters made visible. */
export function xmlText(s: string): string {
  return neutraliseCommands(visibleControls(s)).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** XML attribute values: also quotes, and whitespace as references so attribute normalisation keeps it. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** HTML text content: markup characters only (quotes stay readable in evidence). */
export function htmlText(s: string): string {
  return neutraliseCommands(visibleControls(s)).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** HTML attribute values (always double-quoted). */
export function htmlAttr(s: string): string {
  return htmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Markdown block: a fence longer than any backtick run inside, so the content cannot close it. */
export function markdownFence(s: string): string {
  const body = neutraliseCommands(visibleControls(s));
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((m) => m.length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}text\n${body}\n${ticks}`;
}

/** Markdown inline code, one line; the delimiter outgrows any backtick run inside. */
export function markdownCode(s: string): string {
  const flat = neutraliseCommands(visibleControls(s).replace(/[\r\n]+/g, ' '));
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((m) => m.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat.replace(/\|/g, '\\|')}${pad}${ticks}`;
}

/** Markdown inline text: HTML, Markdown punctuation, table pipes, and @ (no mentions from a report). */
export function markdownInline(s: string): string {
  return htmlInMarkdown(s).replace(/[\r\n]+/g, ' ').replace(/([\\`*_[\]|#~])/g, '\\$1').replace(/@/g, '@\u200b');
}

/** HTML inside Markdown (a <summary>): markup and double quotes escaped. */
export function htmlInMarkdown(s: string): string {
  return htmlText(s).replace(/"/g, '&quot;');
}
