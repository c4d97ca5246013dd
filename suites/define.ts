/** Small constructors so each suite file reads as data. */
import type { CheckDefinition, Reference } from '../src/core/types.js';
import { sourceUrl } from './sources.js';

export function ref(source: string, section: string, quote: string, ruling?: string): Reference {
  const url = sourceUrl(source);
  return ruling ? { source, url, section, quote, ruling } : { source, url, section, quote };
}

export function checks(area: string, defs: Omit<CheckDefinition, 'area'>[]): CheckDefinition[] {
  return defs.map((d) => ({ ...d, area }));
}
