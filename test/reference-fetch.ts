/** Plain fetch helpers and the catalogue the NanoGPT reference tests expect (test/reference-*.test.ts). */
import { REFERENCE_API_KEY } from '../src/reference/server.js';

export interface Got {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export async function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Got> {
  const res = await fetch(base + path, { method, headers });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export const ids = (g: Got): string[] => (g.json.data as { id: string }[]).map((m) => m.id);
export const bearer = (k: string) => ({ authorization: `Bearer ${k}` });
export const xKey = (k: string) => ({ 'x-api-key': k });
export const VALID = REFERENCE_API_KEY;
export const INVALID = 'sk-nano-not-a-real-key-000000';

export const CATALOGUE = [
  'auto-model',
  'openai/gpt-5.2',
  'anthropic/claude-opus-4.6',
  'google/gemini-3-flash-preview',
  'deepseek/deepseek-v3.2',
  'qwen/qwen3-coder-plus',
  'moonshotai/kimi-k2.5',
  'z-ai/glm-4.6',
  'x-ai/grok-4.3',
  'nousresearch/hermes-4-70b',
  'openai/gpt-5.2-pro',
];
export const PAID = ['openai/gpt-5.2', 'anthropic/claude-opus-4.6', 'x-ai/grok-4.3', 'openai/gpt-5.2-pro'];
export const SUBSCRIPTION = CATALOGUE.filter((id) => !PAID.includes(id));
