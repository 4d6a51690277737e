import { describe, expect, it } from 'vitest';
import { validateScenario } from '../scenario/parse.ts';
import { simulate } from '../machine/simulate.ts';
import { parsePolicyList } from '../policies/index.ts';
import { ImportError, importLspci, parseLspciDevices, GUEST_MAX_VECTORS } from './index.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A fixture's body: the text after its "# ---" header (the header cites where it came from). */
function fixture(name: string): string {
  const text = readFileSync(join(import.meta.dirname, '__fixtures__', name), 'utf8');
  return text.slice(text.indexOf('\n# ---\n') + '\n# ---\n'.length);
}

const codes = (r: { warnings: { code: string }[] }) => r.warnings.map((w) => w.code).sort();

describe('lspci importer on real dumps', () => {
  it('X722 (acrn #4443, no indentation, markdown bold): Count=129, table BAR3+0, PBA BAR3+0x1000', () => {
    const r = importLspci(fixture('lspci-x722-acrn-4443.txt'));
    expect(r.device.bdf).toBe('67:00.0');
    expect(r.device.name).toMatch(/^Ethernet controller: Intel Corporation Ethernet Connection X722/);
    expect(r.device.msix).toEqual({
      capOffset: 0x70,
      count: 129,
      enabled: true,
      functionMasked: false,
      table: { bar: 3, offset: 0 },
      pba: { bar: 3, offset: 0x1000 },
    });
    // Table 129 × 16 = 0x810 bytes ends in page 0; the PBA starts in page 1: no page warning.
    expect(codes(r)).toEqual(['guest-capped']);
    expect(r.scenario.device.tableSize).toBe(129);
    expect(validateScenario(r.scenario)).toEqual(r.scenario);
  });

  it('Samsung NVMe (acrn #4994, no device line): PBA before the table is warned', () => {
    const r = importLspci(fixture('lspci-samsung-nvme-acrn-4994.txt'));
    expect(r.device.bdf).toBe('?');
    expect(r.device.msix).toMatchObject({
      count: 33,
      table: { bar: 0, offset: 0x3000 },
      pba: { bar: 0, offset: 0x2000 },
    });
    expect(codes(r)).toEqual(['guest-capped', 'pba-before-table']);
    expect(r.warnings.find((w) => w.code === 'pba-before-table')!.message).toContain('BAR0');
    expect(r.scenario.device.tableSize).toBe(33);
  });

  it('82599ES lspci -vk (geerlingguy #330): Count=64 without table lines says so', () => {
    const r = importLspci(fixture('lspci-82599-vk-geerlingguy-330.txt'));
    expect(r.device).toMatchObject({ bdf: '02:00.0', msix: { count: 64, table: null, pba: null } });
    expect(codes(r)).toEqual(['guest-capped', 'no-table-lines']);
  });

  it('a dump taken without root (sand-mark) is refused, naming the device and the fix', () => {
    const text = fixture('lspci-access-denied-sand-mark.txt');
    expect(parseLspciDevices(text).map((d) => d.bdf)).toEqual(['00:00.0', '00:01.0', '00:05.0', '00:14.0', '01:00.0']);
    expect(() => importLspci(text)).toThrow(ImportError);
    expect(() => importLspci(text)).toThrow(/none of the 5 devices .*<access denied>.*sudo lspci -vv/);
    expect(() => importLspci(text, { device: '01:00.0' })).toThrow(
      /device 01:00\.0 \(RAID bus controller: LSI Logic.*<access denied>.*run it as root/,
    );
  });

  it('many devices: the first with MSI-X by default, listed; another by BDF (with or without domain)', () => {
    const text = fixture('lspci-x722-acrn-4443.txt') + '\n' + fixture('lspci-82599-vk-geerlingguy-330.txt');
    const r = importLspci(text);
    expect(r.device.bdf).toBe('67:00.0');
    expect(r.devices.map((d) => [d.bdf, d.count])).toEqual([
      ['67:00.0', 129],
      ['02:00.0', 64],
    ]);
    expect(r.warnings.find((w) => w.code === 'many-devices')!.message).toContain('67:00.0, 02:00.0');
    expect(importLspci(text, { device: '0000:02:00.0' }).device.bdf).toBe('02:00.0');
    expect(() => importLspci(text, { device: '09:00.0' })).toThrow(/no device 09:00\.0 .* it lists 67:00\.0, 02:00\.0/);
  });
});

describe('lspci importer on hand-written edge cases', () => {
  const text = fixture('lspci-edge-handwritten.txt');
  it('table and PBA in one 4 KiB page', () => {
    const r = importLspci(text, { device: '03:00.0' });
    expect(codes(r)).toEqual(['same-page']);
    expect(r.scenario.steps.filter((s) => s.op === 'linux-request-irq')).toHaveLength(4);
  });
  it('a 2048-entry endpoint with its PBA in another BAR: over 256 and other-BAR warnings', () => {
    const r = importLspci(text, { device: '04:00.0' });
    expect(codes(r)).toEqual(['count-over-256', 'guest-capped', 'pba-other-bar']);
    expect(r.device.msix).toMatchObject({ count: 2048, functionMasked: true });
    expect(r.scenario.device.tableSize).toBe(2048);
  });
  it('a device without MSI-X is a clear error naming it', () => {
    expect(() => importLspci(text, { device: '05:00.0' })).toThrow(
      'device 05:00.0 (SATA controller: Hand-written device with MSI only) has no MSI-X capability in this lspci output, so there is nothing to import',
    );
  });
  it('a hostile device name is kept as text in the scenario (the UI renders it as text)', () => {
    const r = importLspci(text, { device: '06:00.0' });
    expect(r.device.name).toBe('Ethernet controller: <img src=x onerror=alert(1)><script>alert(2)</script>');
    expect(r.scenario.name).toContain('<img src=x onerror=alert(1)>');
    expect(validateScenario(r.scenario).name).toBe(r.scenario.name);
  });
  it('overlapping table and PBA are refused by QEMU: warned', () => {
    const r = importLspci(
      '01:00.0 X: y\n  Capabilities: [70] MSI-X: Enable- Count=8 Masked-\n  Vector table: BAR=0 offset=00000000\n  PBA: BAR=0 offset=00000040\n',
    );
    expect(codes(r)).toEqual(['overlap']);
  });
  it('garbage gives one line', () => {
    expect(() => importLspci('hello\nworld')).toThrow(/^no PCI device found/);
  });
});

describe('the default guest', () => {
  it('runs under every seed policy and differs between them', () => {
    const r = importLspci(fixture('lspci-x722-acrn-4443.txt'));
    const s = validateScenario(r.scenario);
    expect(s.steps[0]).toEqual({ at: 0, op: 'linux-alloc-vectors', nvec: GUEST_MAX_VECTORS });
    const lost = parsePolicyList('data-hack,single-vector,teardown-setup,dynamic-alloc').map((p) => {
      const res = simulate(s, p);
      return res.log.length;
    });
    expect(lost.every((n) => n > 0)).toBe(true);
    expect(new Set(lost).size).toBeGreaterThan(1);
  });
});
