// Fixed data behind the embedded reference server, plus the pure functions that turn it into
// the lists the documented endpoints return. Nothing here knows about HTTP or about breaks.
//
// Sources: docs/sources/nanogpt-models-api.txt, nanogpt-personalized-models-api.txt,
// nanogpt-image-models-api.txt and the vendor examples in test/fixtures/real/.

export type CapabilityFlag =
  | 'vision'
  | 'reasoning'
  | 'tool_calling'
  | 'parallel_tool_calls'
  | 'structured_output'
  | 'pdf_upload'
  | 'video_input';

export type DistillationStatus = 'allowed' | 'disallowed' | 'unknown';
export type DistillationBasis =
  | 'deepseek-api-terms'
  | 'permissive-open-weights'
  | 'provider-output-use-terms'
  | 'provider-output-use-restriction'
  | 'closed-provider-restriction'
  | 'provider-terms-unknown';

export interface DistillationPolicy {
  status: DistillationStatus;
  label: string;
  basis: DistillationBasis;
  sourceUrl: string;
  note: string;
}

export interface TextPricing {
  prompt: number;
  completion: number;
  currency: 'USD';
  unit: 'per_million_tokens';
}

/** One text model as the registry holds it (wire fields plus the private bookkeeping below). */
export interface TextModel {
  id: string;
  created: number; // integer Unix seconds
  owned_by: string;
  name: string;
  description: string;
  context_length: number | null;
  max_output_tokens: number | null;
  capabilities: Partial<Record<CapabilityFlag, boolean>>;
  pricing: TextPricing;
  icon_url: string;
  cost_estimate: string | { cheap: boolean };
  category?: string;
  distillationPolicy?: DistillationPolicy;
  // --- never sent on the wire ---
  /** Included in the NanoGPT subscription (isTextEligible). */
  subscription: boolean;
  /** Global completed usage; 0 = unranked for sort=mostused. */
  globalUsage: number;
  /** Internal free/helper selector model: no list ever shows it. */
  internal?: boolean;
}

export interface ImageModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
  name: string;
  description: string;
  architecture: { modality: string; input_modalities: string[]; output_modalities: string[] };
  pricing: { per_image: Record<string, number>; currency: 'USD' };
  capabilities: { image_generation: boolean; image_to_image: boolean; inpainting: boolean; nsfw: boolean };
  supported_parameters: { resolutions: string[]; max_images: number };
  icon_url: string;
  tags: string[];
  category: 'image';
}

const ALLOWED_OPEN: Omit<DistillationPolicy, 'sourceUrl' | 'note'> = {
  status: 'allowed',
  label: 'License permits distillation',
  basis: 'permissive-open-weights',
};
const CLOSED: Omit<DistillationPolicy, 'sourceUrl' | 'note'> = {
  status: 'disallowed',
  label: 'Provider terms restrict distillation',
  basis: 'closed-provider-restriction',
};
const UNKNOWN: Omit<DistillationPolicy, 'sourceUrl' | 'note'> = {
  status: 'unknown',
  label: 'Distillation terms not recorded',
  basis: 'provider-terms-unknown',
};

const usd = (prompt: number, completion: number): TextPricing => ({
  prompt,
  completion,
  currency: 'USD',
  unit: 'per_million_tokens',
});

/** The registry, in catalogue order (the "normal" order of every list). */
export const TEXT_MODELS: readonly TextModel[] = [
  {
    id: 'auto-model',
    created: 1735689600,
    owned_by: 'nano-gpt',
    name: 'Auto Model',
    description: 'Routes each request to a suitable model automatically',
    context_length: 200000,
    max_output_tokens: 32768,
    capabilities: { vision: true, reasoning: false, tool_calling: true },
    pricing: usd(1.5, 6),
    icon_url: '/icons/NanoGPT.svg',
    cost_estimate: '$$',
    category: 'auto',
    distillationPolicy: {
      ...UNKNOWN,
      sourceUrl: 'https://nano-gpt.com/terms',
      note: 'Routed model varies per request, so no single license applies.',
    },
    subscription: true,
    globalUsage: 2200,
  },
  {
    id: 'openai/gpt-5.2',
    created: 1765324800,
    owned_by: 'openai',
    name: 'GPT-5.2',
    description: "OpenAI's flagship general-purpose model",
    context_length: 400000,
    max_output_tokens: 128000,
    capabilities: {
      vision: true,
      reasoning: true,
      tool_calling: true,
      parallel_tool_calls: true,
      structured_output: true,
      pdf_upload: true,
    },
    pricing: usd(1.75, 14),
    icon_url: '/icons/OpenAI.svg',
    cost_estimate: '$$',
    category: 'flagship',
    distillationPolicy: {
      ...CLOSED,
      sourceUrl: 'https://openai.com/policies/terms-of-use',
      note: 'OpenAI terms prohibit using outputs to develop competing models.',
    },
    subscription: false,
    globalUsage: 9200,
  },
  {
    id: 'anthropic/claude-opus-4.6',
    created: 1770163200,
    owned_by: 'anthropic',
    name: 'Claude Opus 4.6',
    description: "Anthropic's top-tier model for deep reasoning and writing",
    context_length: 200000,
    max_output_tokens: 32000,
    capabilities: { vision: true, reasoning: true, tool_calling: true },
    pricing: usd(5, 25),
    icon_url: '/icons/Anthropic.svg',
    cost_estimate: '$$$',
    category: 'reasoning',
    distillationPolicy: {
      ...CLOSED,
      sourceUrl: 'https://www.anthropic.com/legal/commercial-terms',
      note: 'Anthropic terms prohibit training competing models on outputs.',
    },
    subscription: false,
    globalUsage: 7100,
  },
  {
    id: 'google/gemini-3-flash-preview',
    created: 1765843200,
    owned_by: 'google',
    name: 'Gemini 3 Flash Preview',
    description: 'Fast multimodal Gemini 3 model with video understanding',
    context_length: 1048576,
    max_output_tokens: 65536,
    capabilities: { vision: true, reasoning: true, tool_calling: true, structured_output: true, video_input: true },
    pricing: usd(0.5, 3),
    icon_url: '/icons/Google.svg',
    cost_estimate: '$',
    category: 'mini',
    distillationPolicy: {
      ...CLOSED,
      sourceUrl: 'https://ai.google.dev/gemini-api/terms',
      note: 'Gemini API terms restrict developing competing models.',
    },
    subscription: true,
    globalUsage: 5400,
  },
  {
    id: 'deepseek/deepseek-v3.2',
    created: 1764547200,
    owned_by: 'deepseek',
    name: 'DeepSeek V3.2',
    description: 'Open-weights mixture-of-experts chat model',
    context_length: 163840,
    max_output_tokens: 65536,
    capabilities: { reasoning: false, tool_calling: true, structured_output: true },
    pricing: usd(0.28, 0.42),
    icon_url: '/icons/DeepSeek.svg',
    cost_estimate: { cheap: true },
    distillationPolicy: {
      status: 'allowed',
      label: 'DeepSeek terms permit distillation',
      basis: 'deepseek-api-terms',
      sourceUrl: 'https://cdn.deepseek.com/policies/en-US/deepseek-terms-of-use.html',
      note: 'DeepSeek terms allow using outputs, including for distillation.',
    },
    subscription: true,
    globalUsage: 12800,
  },
  {
    id: 'qwen/qwen3-coder-plus',
    created: 1753747200,
    owned_by: 'qwen',
    name: 'Qwen3 Coder Plus',
    description: 'Agentic coding model from the Qwen3 family',
    context_length: 1000000,
    max_output_tokens: 65536,
    capabilities: { tool_calling: true, parallel_tool_calls: true },
    pricing: usd(1, 5),
    icon_url: '/icons/Qwen.svg',
    cost_estimate: '$',
    category: 'coding',
    distillationPolicy: {
      ...UNKNOWN,
      sourceUrl: 'https://www.alibabacloud.com/help/en/legal/latest/alibaba-cloud-international-website-product-terms-of-service',
      note: 'Hosted-only variant; output-use terms have not been recorded.',
    },
    subscription: true,
    globalUsage: 0,
  },
  {
    id: 'moonshotai/kimi-k2.5',
    created: 1769472000,
    owned_by: 'moonshotai',
    name: 'Kimi K2.5',
    description: 'Open-weights agentic model from Moonshot AI',
    context_length: 262144,
    max_output_tokens: null,
    capabilities: { vision: true, reasoning: true, tool_calling: true, parallel_tool_calls: true },
    pricing: usd(0.6, 3),
    icon_url: '/icons/Moonshot.svg',
    cost_estimate: '$',
    distillationPolicy: {
      ...ALLOWED_OPEN,
      sourceUrl: 'https://huggingface.co/moonshotai/Kimi-K2.5',
      note: 'Modified MIT license; attribution applies to large deployments.',
    },
    subscription: true,
    globalUsage: 8300,
  },
  {
    id: 'z-ai/glm-4.6',
    created: 1759190400,
    owned_by: 'z-ai',
    name: 'GLM 4.6',
    description: 'Zhipu GLM 4.6 with strong coding and agent skills',
    context_length: 200000,
    max_output_tokens: 131072,
    capabilities: { reasoning: true, tool_calling: true, structured_output: true },
    pricing: usd(0.4, 1.75),
    icon_url: '/icons/Zhipu.svg',
    cost_estimate: '$',
    category: 'flagship',
    distillationPolicy: {
      ...ALLOWED_OPEN,
      sourceUrl: 'https://huggingface.co/zai-org/GLM-4.6',
      note: 'MIT license.',
    },
    subscription: true,
    globalUsage: 3100,
  },
  {
    id: 'x-ai/grok-4.3',
    created: 1772323200,
    owned_by: 'x-ai',
    name: 'Grok 4.3',
    description: "xAI's latest Grok reasoning model",
    context_length: null,
    max_output_tokens: 30000,
    capabilities: { vision: true, reasoning: true, tool_calling: true, pdf_upload: false },
    pricing: usd(3, 15),
    icon_url: '/icons/xAI.svg',
    cost_estimate: '$$',
    category: 'reasoning',
    distillationPolicy: {
      ...CLOSED,
      sourceUrl: 'https://x.ai/legal/terms-of-service',
      note: 'xAI terms restrict using outputs to train competing models.',
    },
    subscription: false,
    globalUsage: 0,
  },
  {
    id: 'nousresearch/hermes-4-70b',
    created: 1756425600,
    owned_by: 'nousresearch',
    name: 'Hermes 4 70B',
    description: 'Hybrid-reasoning Llama-based model from Nous Research',
    context_length: 131072,
    max_output_tokens: 32768,
    capabilities: { reasoning: true, tool_calling: false },
    pricing: usd(0.13, 0.4),
    icon_url: '/icons/Nous.svg',
    cost_estimate: '$',
    subscription: true,
    globalUsage: 0,
  },
  {
    id: 'openai/gpt-5.2-pro',
    created: 1765324800,
    owned_by: 'openai',
    name: 'GPT-5.2 Pro',
    description: 'Highest-effort GPT-5.2 variant for hard problems',
    context_length: 400000,
    max_output_tokens: 128000,
    capabilities: { vision: true, reasoning: true, tool_calling: true, structured_output: true, pdf_upload: true },
    pricing: usd(21, 168),
    icon_url: '/icons/OpenAI.svg',
    cost_estimate: '$$$',
    category: 'reasoning',
    distillationPolicy: {
      ...CLOSED,
      sourceUrl: 'https://openai.com/policies/terms-of-use',
      note: 'OpenAI terms prohibit using outputs to develop competing models.',
    },
    subscription: false,
    globalUsage: 450,
  },
  {
    // "excludes internal free/helper selector models except auto-model*": never listed.
    id: 'internal/free-helper-selector',
    created: 1735689600,
    owned_by: 'nano-gpt',
    name: 'Free Helper Selector',
    description: 'Internal selector used by free helper features',
    context_length: 32768,
    max_output_tokens: 4096,
    capabilities: {},
    pricing: usd(0, 0),
    icon_url: '/icons/NanoGPT.svg',
    cost_estimate: { cheap: true },
    distillationPolicy: {
      ...ALLOWED_OPEN,
      sourceUrl: 'https://nano-gpt.com/terms',
      note: 'Backed by an open-weights model.',
    },
    subscription: true,
    globalUsage: 50000,
    internal: true,
  },
];

export const IMAGE_MODELS: readonly ImageModel[] = [
  {
    id: 'pruna-ai/p-image/text-to-image',
    object: 'model',
    created: 1778544000,
    owned_by: 'prunaai',
    name: 'P-Image',
    description: 'Fast text-to-image generation for low-cost drafts, social visuals, and rapid creative iteration.',
    architecture: { modality: 'text->image', input_modalities: ['text'], output_modalities: ['image'] },
    pricing: { per_image: { '1024*1024': 0.005, '1376*768': 0.005 }, currency: 'USD' },
    capabilities: { image_generation: true, image_to_image: false, inpainting: false, nsfw: false },
    supported_parameters: { resolutions: ['1024x1024', '1376x768', '1184x896'], max_images: 4 },
    icon_url: '/icons/PrunaAI.svg',
    tags: ['text-to-image', 'prunaai', 'wavespeed'],
    category: 'image',
  },
  {
    id: 'black-forest-labs/flux-2-pro',
    object: 'model',
    created: 1764028800,
    owned_by: 'black-forest-labs',
    name: 'FLUX.2 Pro',
    description: 'High-fidelity generation and reference-image editing.',
    architecture: { modality: 'text+image->image', input_modalities: ['text', 'image'], output_modalities: ['image'] },
    pricing: { per_image: { '1024*1024': 0.03, '1536*1024': 0.045 }, currency: 'USD' },
    capabilities: { image_generation: true, image_to_image: true, inpainting: false, nsfw: true },
    supported_parameters: { resolutions: ['1024x1024', '1536x1024', '1024x1536'], max_images: 1 },
    icon_url: '/icons/BFL.svg',
    tags: ['text-to-image', 'image-to-image', 'black-forest-labs'],
    category: 'image',
  },
  {
    id: 'openai/gpt-image-1',
    object: 'model',
    created: 1745366400,
    owned_by: 'openai',
    name: 'GPT Image 1',
    description: 'Prompt-faithful image generation with mask-based editing.',
    architecture: { modality: 'text+image->image', input_modalities: ['text', 'image'], output_modalities: ['image'] },
    pricing: { per_image: { '1024*1024': 0.042, '1536*1024': 0.063 }, currency: 'USD' },
    capabilities: { image_generation: true, image_to_image: true, inpainting: true, nsfw: false },
    supported_parameters: { resolutions: ['1024x1024', '1536x1024', '1024x1536'], max_images: 4 },
    icon_url: '/icons/OpenAI.svg',
    tags: ['text-to-image', 'inpainting', 'openai'],
    category: 'image',
  },
];

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

const CAPABILITY_FLAGS: readonly CapabilityFlag[] = [
  'vision',
  'reasoning',
  'tool_calling',
  'parallel_tool_calls',
  'structured_output',
  'pdf_upload',
  'video_input',
];

/** N synthetic text models (large-catalogue benchmarks); even numbers are subscription models. */
export function syntheticTextModels(n: number): TextModel[] {
  const out: TextModel[] = [];
  for (let i = 1; i <= n; i++) {
    const num = String(i).padStart(5, '0');
    const capabilities: Partial<Record<CapabilityFlag, boolean>> = {};
    CAPABILITY_FLAGS.forEach((flag, j) => {
      if ((i + j) % 3 !== 0) capabilities[flag] = (i * (j + 1)) % 2 === 0;
    });
    const kind = i % 3;
    const base = kind === 0 ? ALLOWED_OPEN : kind === 1 ? CLOSED : UNKNOWN;
    out.push({
      id: `synthetic/model-${num}`,
      created: 1704067200 + i * 60,
      owned_by: 'synthetic',
      name: `Synthetic Model ${num}`,
      description: `Synthetic benchmark model number ${i}`,
      context_length: i % 11 === 0 ? null : 8192 * (1 + (i % 16)),
      max_output_tokens: i % 13 === 0 ? null : 4096 * (1 + (i % 4)),
      capabilities,
      pricing: usd((i % 50) / 10, (i % 50) / 5),
      icon_url: '/icons/Synthetic.svg',
      cost_estimate: i % 10 === 0 ? { cheap: true } : '$'.repeat(1 + (i % 3)),
      ...(i % 4 === 0 ? { category: 'synthetic' } : {}),
      distillationPolicy: {
        ...base,
        sourceUrl: `https://example.com/synthetic/${num}/license`,
        note: 'Synthetic benchmark entry.',
      },
      subscription: i % 2 === 0,
      globalUsage: i % 7 === 0 ? 0 : ((i * 37) % 1000) + 1,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Pure list building. Every function keeps catalogue order unless it is a sort.

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
