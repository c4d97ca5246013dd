// The OpenAI reference's vocabulary, shared by its routes (openai-server.ts) and its breaks
// (breaks/openai.ts).
import type { Asked, Break } from './serve.js';

export type KeyState = 'none' | 'invalid' | 'valid';
export type OpenAiAsked = Asked<KeyState>;
export type OpenAiModel = Record<string, unknown>;
/** What a model hook sees: which route asks for the models. */
export interface OpenAiModels {
  asked: OpenAiAsked;
  route: 'list' | 'retrieve';
}
export type OpenAiBreak = Break<KeyState, OpenAiModel, OpenAiModels>;

export const MODELS_PATH = '/v1/models';
export const RETRIEVE_PATH = `${MODELS_PATH}/{model}`;

/** The model id a retrieve asks for: the rest of the path, percent-decoded (so %2F is a "/" in the id); undefined if it does not decode. */
export function modelIdOf(asked: OpenAiAsked): string | undefined {
  try {
    return decodeURIComponent(asked.params.model ?? '');
  } catch {
    return undefined;
  }
}

export function isRetrieve(asked: OpenAiAsked): boolean {
  return asked.params.model !== undefined;
}
