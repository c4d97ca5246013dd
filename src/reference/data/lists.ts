// The account behind the reference key, and the pure functions that turn the registry into the
// lists the documented endpoints return. Nothing here knows about HTTP or about breaks.
import type { TextModel } from './types.js';

/** The account behind REFERENCE_API_KEY. */
export const ACCOUNT = {
  activeSubscription: true,
  /** "Also show paid models" is off, so the canonical list is subscription-only for this key. */
  alsoShowPaid: false,
  /** Recent usage per model (sort=favorites). Includes paid models the key's canonical list hides. */
  recentUsage: {
    'z-ai/glm-4.6': 42,
    'openai/gpt-5.2': 30,
    'nousresearch/hermes-4-70b': 17,
    'deepseek/deepseek-v3.2': 5,
  } as Readonly<Record<string, number>>,
  /**
   * Settings -> Models -> "Visible Text Models". Ids absent from the map keep the registry
   * default (visible); keys that are not visible model ids are ignored.
   */
  visibleTextModels: {
    'auto-model': true,
    'openai/gpt-5.2': true,
    'anthropic/claude-opus-4.6': true,
    'google/gemini-3-flash-preview': true,
    'deepseek/deepseek-v3.2': true,
    'qwen/qwen3-coder-plus': false,
    'moonshotai/kimi-k2.5': true,
    'z-ai/glm-4.6': true,
    'x-ai/grok-4.3': false,
    'nousresearch/hermes-4-70b': true,
    'openai/gpt-5.2-pro': false,
    'someone/not-a-model': true,
  } as Readonly<Record<string, boolean>>,
} as const;
/** "Returns all visible text models (excludes internal free/helper selector models except auto-model*)." */
export function visibleModels(catalogue: readonly TextModel[]): TextModel[] {
  return catalogue.filter((m) => !m.internal || m.id.startsWith('auto-model'));
}

export function subscriptionModels(visible: readonly TextModel[]): TextModel[] {
  return visible.filter((m) => m.subscription);
}

export function paidModels(visible: readonly TextModel[]): TextModel[] {
  return visible.filter((m) => !m.subscription);
}

/** Canonical /api/v1/models for an anonymous caller (accountKnown=false) or for ACCOUNT. */
export function canonicalModels(visible: readonly TextModel[], accountKnown: boolean): TextModel[] {
  if (accountKnown && ACCOUNT.activeSubscription && !ACCOUNT.alsoShowPaid) return subscriptionModels(visible);
  return [...visible];
}

/** /api/personalized/v1/models for ACCOUNT: its visible-text-model preferences, ignoring "Also show paid". */
export function personalizedModels(visible: readonly TextModel[]): TextModel[] {
  return visible.filter((m) => ACCOUNT.visibleTextModels[m.id] ?? true);
}

/**
 * Ranked models (score > 0) by score descending, ties in list order; then the unranked ones in
 * list order. Never adds or removes a model.
 */
export function rankBy(list: readonly TextModel[], score: (m: TextModel) => number): TextModel[] {
  const indexed = list.map((m, i) => ({ m, i, s: score(m) }));
  const ranked = indexed.filter((x) => x.s > 0).sort((a, b) => b.s - a.s || a.i - b.i);
  const unranked = indexed.filter((x) => !(x.s > 0));
  return [...ranked, ...unranked].map((x) => x.m);
}

export const byGlobalUsage = (m: TextModel): number => m.globalUsage;
export const byAccountUsage = (m: TextModel): number => ACCOUNT.recentUsage[m.id] ?? 0;

/** Explore items are id/name/owned_by plus the model-level distillation policy when recorded. */
export function isDistillationAllowed(m: TextModel): boolean {
  return m.distillationPolicy?.status === 'allowed';
}
