import { sim } from './sim/client.ts';

/**
 * A small, documented hook for end-to-end tests and for users poking at the console: runs a
 * scenario in the Worker and returns the per-policy log hashes.
 */
export function installTestHooks(): void {
  (window as unknown as { __msixlab: unknown }).__msixlab = {
    async runHashes(scenarioText: string, policies: string[]): Promise<string[]> {
      const r = await sim().run({ scenarioText, policies });
      if (!r.ok) throw new Error(r.message);
      return r.runs.map((x) => x.hash);
    },
  };
}
