import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../core/index.ts';

// The CLI as a user runs it, on the real fixtures of src/core/import/__fixtures__.
const BIN = join(import.meta.dirname, '../../bin/msix-lab.mjs');
const FIX = join(import.meta.dirname, '../core/import/__fixtures__');
const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', ...(input === undefined ? {} : { input }) });

describe('msix-lab import', () => {
  it('lspci <file> prints a valid scenario JSON; warnings go to stderr', () => {
    const r = cli(['import', 'lspci', join(FIX, 'lspci-samsung-nvme-acrn-4994.txt')]);
    expect(r.status).toBe(0);
    const s = validateScenario(JSON.parse(r.stdout));
    expect(s.device.tableSize).toBe(33);
    expect(r.stderr).toMatch(/^msix-lab: warning: the PBA comes before the table in BAR0/m);
  });

  it('lspci - reads standard input; --device picks one of several; the output runs', () => {
    const text =
      readFileSync(join(FIX, 'lspci-x722-acrn-4443.txt'), 'utf8') +
      readFileSync(join(FIX, 'lspci-edge-handwritten.txt'), 'utf8');
    const r = cli(['import', 'lspci', '-', '--device', '04:00.0'], text);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).device.tableSize).toBe(2048);
    expect(r.stderr).toContain('KVM_MAX_MSIX_PER_DEV');
    const run = cli(['run', '-', '--policy', 'data-hack,dynamic-alloc', '--format', 'json'], r.stdout);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).results).toHaveLength(2);
  });

  it('qemu-trace <file> prints the replay and lists unused lines with their numbers on stderr', () => {
    const r = cli(['import', 'qemu-trace', join(FIX, 'trace-old-qemu-handwritten.log')]);
    expect(r.status).toBe(0);
    const s = validateScenario(JSON.parse(r.stdout));
    expect(s.steps.filter((x) => x.op === 'raise')).toHaveLength(5);
    // The fixture's 7 header lines, then the two non-MSI-X lines of the trace body.
    expect(r.stderr).toContain('msix-lab: unused line 20: 4242@1700000000.500100:vfio_region_write');
    expect(r.stderr).toContain('msix-lab: unused line 27: kvm_set_user_memory');
  });

  it('bad input: exit 2 with one line naming the problem and nothing on stdout', () => {
    for (const [args, input, msg] of [
      [
        ['import', 'lspci', join(FIX, 'lspci-access-denied-sand-mark.txt')],
        undefined,
        /^msix-lab: none of the 5 devices .*sudo lspci -vv\)?\n$/,
      ],
      [
        ['import', 'lspci', join(FIX, 'lspci-edge-handwritten.txt'), '--device', '05:00.0'],
        undefined,
        /^msix-lab: device 05:00\.0 .* has no MSI-X capability/,
      ],
      [
        ['import', 'qemu-trace', '-'],
        'vfio_msix_vector_do_use  (d) vector x used\n',
        /^msix-lab: line 1: vfio_msix_vector_do_use: expected/,
      ],
      [['import', 'qemu-trace', '-'], '', /^msix-lab: standard input is empty/],
      [['import', 'lspci', 'nope.txt'], undefined, /^msix-lab: cannot read lspci output "nope.txt" \(ENOENT\)\n$/],
    ] as const) {
      const r = cli([...args], input);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(msg);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
