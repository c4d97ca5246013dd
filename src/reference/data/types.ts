// Types of the NanoGPT reference data, and the building blocks its entries share.
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

export const ALLOWED_OPEN: Omit<DistillationPolicy, 'sourceUrl' | 'note'> = {
  status: 'allowed',
  label: 'License permits distillation',
  basis: 'permissive-open-weights',
};
export const CLOSED: Omit<DistillationPolicy, 'sourceUrl' | 'note'> = {
  status: 'disallowed',
  label: 'Provider terms restrict distillation',
  basis: 'closed-provider-restriction',
};
export const UNKNOWN: Omit<DistillationPolicy, 'sourceUrl' | 'note'> = {
  status: 'unknown',
  label: 'Distillation terms not recorded',
  basis: 'provider-terms-unknown',
};

export const usd = (prompt: number, completion: number): TextPricing => ({
  prompt,
  completion,
  currency: 'USD',
  unit: 'per_million_tokens',
});

