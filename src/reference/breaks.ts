// The deliberately broken NanoGPT variants the kill matrix runs (src/reference/matrix.ts). Each is
// a declared entry (`Break` in serve.ts): the documented statement it breaks (`rule`, a ledger id
// of suites/ledger/), the checks that must fail against it (`kills`), and the hooks that make the
// reference wrong in exactly that way. Grouped by documented area in breaks/; unless a
// description says otherwise, a break touches only the canonical GET /api/v1/models.
import { LIST_BREAKS } from './breaks/nanogpt-lists.js';
import { SORT_AUTH_BREAKS } from './breaks/nanogpt-sort-auth.js';
import { VARIANT_BREAKS } from './breaks/nanogpt-variants.js';
import { CATALOGUE_BREAKS } from './breaks/nanogpt-catalogues.js';
import { SURFACE_BREAKS } from './breaks/nanogpt-surfaces.js';

export const BREAKS = { ...LIST_BREAKS, ...SORT_AUTH_BREAKS, ...VARIANT_BREAKS, ...CATALOGUE_BREAKS, ...SURFACE_BREAKS };

export type BreakName = keyof typeof BREAKS;

export const BREAK_NAMES = Object.keys(BREAKS) as BreakName[];

export function isBreakName(name: string): name is BreakName {
  return Object.prototype.hasOwnProperty.call(BREAKS, name);
}
