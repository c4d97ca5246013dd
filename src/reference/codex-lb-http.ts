// The codex-lb reference's vocabulary, shared by its route (codex-lb-server.ts) and its breaks
// (breaks/codex-lb.ts).
import { jsonReply, type Asked, type Break, type Reply } from './serve.js';

export const CODEX_LB_API_KEY = 'sk-clb-reference-3d1f0b7a9c52e864';
/** A key whose allowed_models name two listed models and one the registry does not serve. */
export const CODEX_LB_RESTRICTED_KEY = 'sk-clb-restricted-5e7c2a90b14f3d68';
export const CODEX_LB_RESTRICTED_ALLOWED = ['gpt-5.4-mini', 'gpt-5.2', 'gpt-4.1-retired'] as const;
/** What the restricted key sees: its allowed_models that the registry serves. */
export const CODEX_LB_RESTRICTED_SEES = ['gpt-5.4-mini', 'gpt-5.2'] as const;

export const MODELS_PATH = '/v1/models';

/** Who is calling: no key, an unknown key, or a known key with its allowed_models (null: no restriction). */
export interface Caller {
  state: 'none' | 'invalid' | 'valid';
  allowed: readonly string[] | null;
}

export interface RegistryModel {
  slug: string;
  metadata: Record<string, unknown>;
}

/** What a model or item hook sees. */
export interface CodexLbList {
  asked: Asked<Caller>;
  registry: readonly RegistryModel[];
}

export type CodexLbAsked = Asked<Caller>;
export type CodexLbBreak = Break<Caller, RegistryModel, CodexLbList>;

/** "Errors return OpenAI-compatible error envelopes": {error: {message, type, code}}. */
export function envelope(status: number, message: string, type: string, code: string): Reply {
  return jsonReply(status, { error: { message, type, code } });
}

/** Whether the caller's key has allowed_models. */
export const restricted = (c: Caller): boolean => c.allowed !== null;
