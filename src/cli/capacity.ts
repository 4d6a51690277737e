import { type Command, Option } from 'commander';
import { parsePolicyList, ScenarioError, SEED_POLICY_IDS, type Scenario } from '../core/index.ts';
import { capacity, IOMMU_IRTES, USABLE_VECTORS_PER_CPU } from '../core/index.ts';

/** Devices per host shown in the grid: powers of four up to past the IOMMU limit for one vector each. */
const GRID = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536];

export function registerCapacity(
  program: Command,
  io: { out: (s: string) => void; loadScenario: (arg: string) => Scenario },
): void {
  program
    .command('capacity')
    .description('host IRQs / IRTEs and CPU vectors per policy against the number of assigned devices per host')
    .argument('<scenario>', "scenario JSON file or preset id (one assigned device's life)")
    .option('--policy <ids>', 'policy id(s), as for run')
    .option(
      '--cpus <n>',
      'CPUs in the host (each with ~200 usable vectors)',
      (v: string) => {
        if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 100_000)
          throw new ScenarioError(`must be an integer 1..100000, got "${v}"`, '--cpus');
        return Number(v);
      },
      64,
    )
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action((arg: string, o: { policy?: string; cpus: number; format: string }) => {
      const scenario = io.loadScenario(arg);
      const policies = parsePolicyList(o.policy ?? scenario.policies?.join(';') ?? SEED_POLICY_IDS.join(','));
      const rows = capacity(scenario, policies, o.cpus);
      const cpuLimit = USABLE_VECTORS_PER_CPU * o.cpus;
      if (o.format === 'json') {
        io.out(
          JSON.stringify({ irteLimit: IOMMU_IRTES, cpuVectorLimit: cpuLimit, cpus: o.cpus, rows }, null, 2) + '\n',
        );
        return;
      }
      const w = Math.max(6, ...rows.map((r) => r.policy.length));
      io.out(
        `Per host: ${IOMMU_IRTES.toLocaleString('en-US')} IRTEs (one IOMMU) and ${cpuLimit.toLocaleString('en-US')} CPU vectors (${o.cpus} CPUs x ~${USABLE_VECTORS_PER_CPU}); worst case, every device at its peak at once.\n\n`,
      );
      io.out(`${'policy'.padEnd(w)}  IRTEs/dev  CPU vec/dev  max devices  runs out first\n`);
      for (const r of rows) {
        io.out(
          `${r.policy.padEnd(w)}  ${String(r.irtesPerDevice).padStart(9)}  ${String(r.cpuVectorsPerDevice).padStart(11)}  ${(r.maxDevices === null ? 'unbounded' : r.maxDevices.toLocaleString('en-US')).padStart(11)}  ${r.limitedBy ?? '-'}\n`,
        );
      }
      io.out(
        `\nIRTEs / CPU vectors in use against guests x devices per host (I: over the IRTEs, C: over the CPU vectors)\n${'devices'.padEnd(w)}  ${GRID.map((d) => `${d}  `.padStart(14)).join('')}\n`,
      );
      for (const r of rows) {
        const cells = GRID.map((d) => {
          const i = d * r.irtesPerDevice,
            c = d * r.cpuVectorsPerDevice;
          const mark = `${i > IOMMU_IRTES ? 'I' : ''}${c > cpuLimit ? 'C' : ''}`.padEnd(2);
          return `${compact(i)}/${compact(c)}${mark}`.padStart(14);
        });
        io.out(`${r.policy.padEnd(w)}  ${cells.join('')}\n`);
      }
    });
}

function compact(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e4 ? `${Math.round(n / 1e3)}k` : String(n);
}
