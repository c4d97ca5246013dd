/** Field-level helpers shared by the NanoGPT suites (detailed text models, variants, image models). */
import type { Exchange } from '../../src/core/types.js';
import { expectSchema, isObject } from '../../src/core/expect.js';

/** The fields detailed mode adds, per the "Enhanced Fields (Detailed Mode Only)" table. */
export const DETAILED_TEXT_FIELDS = [
  'name', 'description', 'context_length', 'max_output_tokens', 'capabilities', 'pricing',
  'icon_url', 'cost_estimate', 'category', 'distillationPolicy',
] as const;

export function hasAnyField(item: unknown, fields: readonly string[]): boolean {
  return isObject(item) && fields.some((f) => f in item);
}

/** Validate `field` on every item that carries it against the same-named property of `schema`. */
export function expectFieldOnItems(ex: Exchange, items: unknown[], field: string, schema: string): number {
  let seen = 0;
  // One reference string for all items: a new one per item costs a hash in the validator cache each time.
  const ref = `${schema}#/properties/${field}`;
  items.forEach((item, i) => {
    if (!isObject(item) || !(field in item)) return;
    seen++;
    expectSchema(ex, item[field], ref, `/data/${i}/${field}`);
  });
  return seen;
}
