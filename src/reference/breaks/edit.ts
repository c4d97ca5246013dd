// Small reply edits the break tables share: rewrite the JSON body, its items, a header.
import type { Reply } from '../serve.js';

export type Json = Record<string, unknown>;
export type Item = Record<string, unknown>;

/** Rewrites the JSON body. */
export const body = (edit: (b: Json) => void) => (r: Reply): Reply => {
  const b = JSON.parse(r.body) as Json;
  edit(b);
  r.body = JSON.stringify(b);
  return r;
};

/** Rewrites every item of `data` (or the first with `firstOnly`). */
export const items = (edit: (item: Item, i: number, all: Item[]) => void, firstOnly = false) =>
  body((b) => (b.data as Item[]).forEach((item, i, all) => (!firstOnly || i === 0) && edit(item, i, all)));

export const textPlain = (r: Reply): Reply => {
  r.headers['content-type'] = 'text/plain; charset=utf-8';
  return r;
};

export const reversed = body((b) => void (b.data as Item[]).reverse());

export const duplicateFirst = body((b) => {
  const data = b.data as Item[];
  if (data[0]) data.push({ ...data[0] });
});

export const dropLast = body((b) => void (b.data as Item[]).pop());

export const createdMs = items((item) => {
  if (typeof item.created === 'number') item.created *= 1000;
});

/** Replaces the reply's headers named in `drop`, then adds `add` (in that order, as a server would build them). */
export const withHeaders = (drop: readonly string[], add: Record<string, string>) => (r: Reply): Reply => {
  for (const name of drop) delete r.headers[name];
  Object.assign(r.headers, add);
  return r;
};

/** "2.5" -> "2.50": a price the way a careless server would print it. */
export function priceString(n: number): string {
  const s = String(n);
  return (s.split('.')[1]?.length ?? 0) >= 2 ? s : n.toFixed(2);
}
