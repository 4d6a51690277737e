import { affinityChange } from './affinity-change.ts';
import { defaultPreset } from './default.ts';
import { driverReload } from './driver-reload.ts';
import { fpgaLateBlock } from './fpga-late-block.ts';
import { freebsdGuest } from './freebsd-guest.ts';
import { hostVectorExhaustion } from './host-vector-exhaustion.ts';
import { imsSharedStore } from './ims-shared-store.ts';
import { irqChurn } from './irq-churn.ts';
import { lazySubfunction } from './lazy-subfunction.ts';
import { multiqueueHotplug } from './multiqueue-hotplug.ts';
import { noAutoenLateEnable } from './no-autoen-late-enable.ts';
import type { Preset } from './preset.ts';
import { sparseHighVector } from './sparse-high-vector.ts';
import { vfPfMailbox } from './vf-pf-mailbox.ts';

/** Every preset; ids are stable (share links and golden files refer to them). */
export const PRESETS: readonly Preset[] = [
  defaultPreset,
  multiqueueHotplug,
  noAutoenLateEnable,
  lazySubfunction,
  fpgaLateBlock,
  vfPfMailbox,
  freebsdGuest,
  hostVectorExhaustion,
  driverReload,
  affinityChange,
  sparseHighVector,
  irqChurn,
  imsSharedStore,
];

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
