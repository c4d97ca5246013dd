// N synthetic text models for large-catalogue benchmarks (extraModels).
import { ALLOWED_OPEN, CLOSED, UNKNOWN, usd, type CapabilityFlag, type TextModel } from './types.js';

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

