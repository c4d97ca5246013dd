/** The profiles `run --profile` knows: their catalogue, probe request and embedded reference server. */
import type { CheckDefinition, RequestSpec } from './core/types.js';
import { nanogptChecks, nanogptProbe } from '../suites/nanogpt/index.js';

export interface ReferenceHandle {
  url: string;
  apiKey: string;
  close(): Promise<void>;
}

export interface Profile {
  name: string;
  title: string;
  checks: readonly CheckDefinition[];
  /** A request every run makes; a connection failure on it means the target is unreachable. */
  probe: RequestSpec;
  /** Starts the embedded reference server for this profile on 127.0.0.1. Loaded lazily. */
  startReference(opts: { port?: number }): Promise<ReferenceHandle>;
}

export const PROFILES: Record<string, Profile> = {
  nanogpt: {
    name: 'nanogpt',
    title: 'NanoGPT models API (/api/v1/models and its variants, image models, explore)',
    checks: nanogptChecks,
    probe: nanogptProbe,
    async startReference(opts) {
      const { startReferenceServer } = await import('./reference/server.js');
      return startReferenceServer({ port: opts.port ?? 0 });
    },
  },
};

export function profileNames(): string[] {
  return Object.keys(PROFILES);
}
