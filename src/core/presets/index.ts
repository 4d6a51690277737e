import { defaultPreset } from './default.ts';
import type { Preset } from './preset.ts';

export const PRESETS: readonly Preset[] = [defaultPreset];

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
