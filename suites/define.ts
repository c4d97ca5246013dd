/** Small constructors so each suite file reads as data. */
import type { CheckDefinition, Reference } from '../src/core/types.js';

export function ref(source: string, section: string, quote: string, ruling?: string): Reference {
  return ruling ? { source, section, quote, ruling } : { source, section, quote };
}

export function checks(area: string, defs: Omit<CheckDefinition, 'area'>[]): CheckDefinition[] {
  return defs.map((d) => ({ ...d, area }));
}
