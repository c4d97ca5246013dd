/** The names of the keys and settings a run reads from the environment, and the invalid key it sends. */

/** Sent where a check needs a key the server must not accept. Not a secret. */
export const INVALID_KEY = 'conformance-invalid-key-00000000000000000000';
export const KEY_ENV = 'CONFORMANCE_API_KEY';
/** A second key whose allowed_models restrict what it sees (codex-lb); redacted like the main key. */
export const RESTRICTED_KEY_ENV = 'CONFORMANCE_RESTRICTED_API_KEY';
/** Comma-separated model ids the restricted key should see (optional, not secret). */
export const RESTRICTED_MODELS_ENV = 'CONFORMANCE_RESTRICTED_MODELS';
