/** The requests the NanoGPT checks share. The engine sends each distinct one once per run. */
import type { AuthSpec, RequestSpec } from '../../src/core/types.js';

export const MODELS = '/api/v1/models';
export const SUBSCRIPTION = '/api/subscription/v1/models';
export const PAID = '/api/paid/v1/models';
export const PERSONALIZED = '/api/personalized/v1/models';
export const IMAGE_MODELS = '/api/v1/image-models';
export const EXPLORE_TEXT = '/api/explore/text-models';
export const EXPLORE_SEARCH = '/api/explore/search';

export const BEARER_VALID: AuthSpec = { header: 'bearer', key: 'valid' };
export const XKEY_VALID: AuthSpec = { header: 'x-api-key', key: 'valid' };
export const BEARER_INVALID: AuthSpec = { header: 'bearer', key: 'invalid' };
export const XKEY_INVALID: AuthSpec = { header: 'x-api-key', key: 'invalid' };

export function get(path: string, query: Record<string, string> = {}, auth?: AuthSpec): RequestSpec {
  return { path, query, auth };
}

export const basic = get(MODELS);
export const detailed = get(MODELS, { detailed: 'true' });
