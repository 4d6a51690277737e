import { describe, expect, it } from 'vitest';
import { validateScenario } from '../scenario/parse.ts';
import { simulate } from '../machine/simulate.ts';
import { ImportError, importQemuTrace, detectImportKind, importText, MAX_IMPORT_LINES } from './index.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A fixture's body: the text after its "# ---" header (the header cites where it came from). */
function fixture(name: string): string {
  const text = readFileSync(join(import.meta.dirname, '__fixtures__', name), 'utf8');
  return text.slice(text.indexOf('\n# ---\n') + '\n# ---\n'.length);
}

describe('QEMU trace importer', () => {
  const old = fixture('trace-old-qemu-handwritten.log');

  it('replays a QEMU < 8.2 trace: folds the enable trick, maps uses/releases to Linux ops at trace times', () => {
    const r = importQemuTrace(old);
    expect(r.device).toBe('0000:03:00.0');
    expect(r.tableSize).toBe(64);
    expect(r.early).toEqual({ bar: 4, offset: 0, entries: 64, noresize: null });
    expect(r.hasTimestamps).toBe(true);
    expect(r.scenario.steps).toEqual([
      { at: 499_900_000, op: 'linux-alloc-vectors', nvec: 4 },
      { at: 499_920_000, op: 'linux-request-irq', vector: 0 },
      { at: 499_930_000, op: 'raise', vector: 0 },
      { at: 499_940_000, op: 'linux-request-irq', vector: 1 },
      { at: 499_941_000, op: 'raise', vector: 0 },
      { at: 499_960_000, op: 'linux-request-irq', vector: 2 },
      { at: 499_961_000, op: 'raise', vector: 1 },
      { at: 499_980_000, op: 'linux-request-irq', vector: 3 },
      { at: 500_020_000, op: 'linux-disable-irq', vector: 2 },
      { at: 500_030_000, op: 'raise', vector: 2 },
      { at: 500_050_000, op: 'linux-enable-irq', vector: 2 },
      { at: 500_070_000, op: 'raise', vector: 3 },
      { at: 599_900_000, op: 'linux-free-vectors' },
    ]);
    expect(r.vectors).toEqual([
      { vector: 0, uses: 1, releases: 0, interrupts: 2 },
      { vector: 1, uses: 1, releases: 0, interrupts: 1 },
      { vector: 2, uses: 2, releases: 1, interrupts: 1 },
      { vector: 3, uses: 1, releases: 0, interrupts: 1 },
    ]);
    expect(r.pbaEnables).toBe(1);
    expect(r.unknown.map((u) => u.line)).toEqual([12, 19]);
    expect(r.unknown[0]!.text).toMatch(/^4242@1700000000\.500100:vfio_region_write/);
    expect(validateScenario(r.scenario)).toEqual(r.scenario);
  });

  it('the replay runs: vector 2 masked while its interrupt arrives is held in the PBA under vfio', () => {
    const r = importQemuTrace(old);
    const res = simulate(validateScenario(r.scenario), 'dynamic-alloc');
    expect(res.log.length).toBeGreaterThan(0);
  });

  it('newer formats without timestamps, two devices: picks the first, lists them, --device picks another', () => {
    const text = fixture('trace-new-qemu-handwritten.log');
    const r = importQemuTrace(text);
    expect(r.device).toBe('0000:65:00.1');
    expect(r.devices).toEqual(['0000:65:00.1', '0000:17:00.0']);
    expect(r.early).toMatchObject({ entries: 129, noresize: false });
    expect(r.warnings.map((w) => w.code).sort()).toEqual(['many-devices', 'no-timestamps']);
    expect(r.scenario.steps.map((s) => [s.at, s.op])).toEqual([
      [1000, 'linux-alloc-vectors'],
      [2000, 'linux-request-irq'],
      [3000, 'linux-request-irq'],
      [4000, 'raise'],
    ]);
    const b = importQemuTrace(text, { device: '17:00.0' });
    expect(b).toMatchObject({ device: '0000:17:00.0', tableSize: 8, early: { noresize: true } });
  });

  it('a malformed known line names its line number', () => {
    const bad = old.replace('vector 1 used', 'vector one used');
    expect(() => importQemuTrace(bad)).toThrow(ImportError);
    expect(() => importQemuTrace(bad)).toThrow(
      'line 7: vfio_msix_vector_do_use: expected "(<device>) vector <n> used", got "(0000:03:00.0) vector one used"',
    );
    expect(() => importQemuTrace('vfio_msix_early_setup nonsense')).toThrow(/^line 1: vfio_msix_early_setup: expected/);
  });

  it('vectors beyond the reported table, no MSI-X lines, and oversized input are one-line errors', () => {
    expect(() =>
      importQemuTrace(
        'vfio_msix_early_setup d PCI MSI-X CAP @0x70, BAR 0, offset 0x0, entries 2\nvfio_msix_enable  (d)\nvfio_msix_vector_do_use  (d) vector 7 used',
      ),
    ).toThrow('line 3: vector 7 is outside the 2-entry table');
    expect(() => importQemuTrace('hello\nkvm_exit reason 1')).toThrow(/^no vfio MSI-X trace line found in 2 lines/);
    expect(() => importQemuTrace('\n'.repeat(MAX_IMPORT_LINES + 1))).toThrow(/lines; the limit is 200,000/);
  });

  it('a long trace imports (no argument spread over its lines) and one step past the scenario limit is refused', () => {
    const head = 'vfio_msix_enable  (d)\nvfio_msix_vector_do_use  (d) vector 1 used\n';
    const irq = 'vfio_msi_interrupt  (d) vector 1 0xfee00000/0x41\n';
    const r = importQemuTrace(head + irq.repeat(99_998));
    expect(r.scenario.steps).toHaveLength(100_000);
    expect(r.vectors).toEqual([{ vector: 1, uses: 1, releases: 0, interrupts: 99_998 }]);
    expect(() => importQemuTrace(head + irq.repeat(99_999))).toThrow(
      /^line 100001: the trace makes more than 100,000 scenario steps/,
    );
  });

  it('a trace without an enable or early setup warns', () => {
    const r = importQemuTrace('vfio_msi_interrupt  (d) vector 1 0xfee00000/0x41');
    expect(r.warnings.map((w) => w.code).sort()).toEqual(['no-early-setup', 'no-enable', 'no-timestamps']);
    expect(r.tableSize).toBe(2);
  });
});

describe('detect', () => {
  it('tells lspci, traces and scenario JSON apart by content', () => {
    expect(detectImportKind(fixture('lspci-x722-acrn-4443.txt'))).toBe('lspci');
    expect(detectImportKind(fixture('lspci-samsung-nvme-acrn-4994.txt'))).toBe('lspci');
    expect(detectImportKind(fixture('trace-old-qemu-handwritten.log'))).toBe('qemu-trace');
    expect(detectImportKind(fixture('trace-new-qemu-handwritten.log'))).toBe('qemu-trace');
    expect(detectImportKind('  {"version": 1}')).toBe('scenario');
    expect(detectImportKind('hello')).toBeNull();
    expect(() => importText('hello')).toThrow(/^not recognised/);
    expect(() => importText('{"version": 2}')).toThrow(/^the scenario JSON is not valid: version/);
  });
});
