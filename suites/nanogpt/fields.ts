/** Field-level helpers shared by the NanoGPT suites (detailed text models, variants, image models). */
import { isObject } from '../../src/core/expect.js';

/** The fields detailed mode adds, per the "Enhanced Fields (Detailed Mode Only)" table. */
export const DETAILED_TEXT_FIELDS = [
  'name', 'description', 'context_length', 'max_output_tokens', 'capabilities', 'pricing',
  'icon_url', 'cost_estimate', 'category', 'distillationPolicy',
] as const;

export function hasAnyField(item: unknown, fields: readonly string[]): boolean {
  return isObject(item) && fields.some((f) => f in item);
}
