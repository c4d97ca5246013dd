// Fixed data behind the embedded NanoGPT reference server, by area (data/): the types, the text
// registry, the image catalogue, synthetic models for benchmarks, and the account and pure list
// building. Nothing here knows about HTTP or about breaks.
export * from './data/types.js';
export { TEXT_MODELS } from './data/text-models.js';
export { IMAGE_MODELS } from './data/image-models.js';
export { syntheticTextModels } from './data/synthetic.js';
export * from './data/lists.js';
