/** The curl reproduction of a request, shown with every exchange. */
import type { AuthSpec } from './types.js';
import { INVALID_KEY, KEY_ENV, RESTRICTED_KEY_ENV } from './keys.js';

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A curl command that reproduces the request; a valid key is referenced as $CONFORMANCE_API_KEY. */
export function curlFor(method: string, url: string, headers: Record<string, string>, auth: AuthSpec): string {
  const parts = ['curl', '-sS', '-i'];
  if (method !== 'GET') parts.push('-X', method);
  for (const [k, v] of Object.entries(headers)) parts.push('-H', shellQuote(`${k}: ${v}`));
  if (auth) {
    const value = auth.key === 'valid' ? `$${KEY_ENV}` : auth.key === 'restricted' ? `$${RESTRICTED_KEY_ENV}` : INVALID_KEY;
    const header = auth.header === 'bearer' ? `Authorization: Bearer ${value}` : `x-api-key: ${value}`;
    parts.push('-H', auth.key !== 'invalid' ? `"${header}"` : shellQuote(header));
  }
  parts.push(shellQuote(url));
  return parts.join(' ');
}
