import { runScenario } from '../machine/run.ts';
import type { ResolvedPolicy } from '../policies/index.ts';
import type { Scenario } from '../scenario/schema.ts';

/** INTR_REMAP_TABLE_ENTRIES: one Intel IOMMU's interrupt-remapping table (domain.md §4.1, L-dmar). */
export const IOMMU_IRTES = 65_536;
/**
 * Usable external-interrupt vectors per x86 CPU: 256 IDT entries minus the 32 exceptions and the
 * system vectors at the top leaves roughly 200 (domain.md §4.1; an approximation, not a constant
 * of any one kernel).
 */
export const USABLE_VECTORS_PER_CPU = 200;

export interface CapacityRow {
  policy: string;
  /** Per device (one run of the scenario): peaks of allocated host IRQs (= IRTEs) and CPU vectors. */
  irtesPerDevice: number;
  cpuVectorsPerDevice: number;
  /** Most devices (guests × devices per guest) a host holds before each resource runs out; null = never. */
  maxDevicesByIrte: number | null;
  maxDevicesByCpuVectors: number | null;
  /** The smaller of the two and which one binds. */
  maxDevices: number | null;
  limitedBy: 'irte' | 'cpu-vectors' | null;
}

/**
 * Host resources against devices per host. Worst case by design: every assigned device is at its
 * own peak at the same moment (the peaks of devices that resize at different times do not add up
 * in reality; the model says so in docs/SCALE.md). One IOMMU per host and `cpus` CPUs with
 * USABLE_VECTORS_PER_CPU each.
 */
export function capacity(scenario: Scenario, policies: readonly ResolvedPolicy[], cpus: number): CapacityRow[] {
  return runScenario(scenario, policies).map((r) => {
    const irte = r.metrics.hostVectorsPeak,
      cpu = r.metrics.cpuVectorsPeak;
    const byIrte = irte > 0 ? Math.floor(IOMMU_IRTES / irte) : null;
    const byCpu = cpu > 0 ? Math.floor((USABLE_VECTORS_PER_CPU * cpus) / cpu) : null;
    const max = byIrte === null ? byCpu : byCpu === null ? byIrte : Math.min(byIrte, byCpu);
    return {
      policy: r.policy,
      irtesPerDevice: irte,
      cpuVectorsPerDevice: cpu,
      maxDevicesByIrte: byIrte,
      maxDevicesByCpuVectors: byCpu,
      maxDevices: max,
      limitedBy: max === null ? null : max === byCpu ? 'cpu-vectors' : 'irte',
    };
  });
}
