import type { Scenario, Step } from '../scenario/schema.ts';
import { KVM_MAX_MSIX_PER_DEV, MAX_TABLE_SIZE, PCI_MSIX_ENTRY_SIZE } from '../spec/pci-msix.ts';
import { boundedLines, hex, ImportError, quoteInput, type ImportWarning } from './common.ts';

/**
 * `lspci -vv` (or -vvv, -nn, -vk; tabs, spaces, no indentation at all, mail quoting) → the MSI-X
 * capability of one device → a scenario seeding that device. Pure: text in, data out.
 *
 * lspci prints the capability as (pciutils ls-caps.c, cap_msix):
 *   Capabilities: [70] MSI-X: Enable+ Count=129 Masked-
 *           Vector table: BAR=3 offset=00000000
 *           PBA: BAR=3 offset=00001000
 * Count is Table Size + 1; Enable and Masked are Message Control bits 15 and 14 (Function Mask) as
 * the *host* sees them now, which says nothing about a guest that starts from reset.
 */

export interface MsixLocation {
  bar: number;
  offset: number;
}

export interface LspciMsix {
  /** Config-space offset of the capability (the `[70]`), when printed. */
  capOffset: number | null;
  count: number;
  enabled: boolean;
  functionMasked: boolean;
  table: MsixLocation | null;
  pba: MsixLocation | null;
}

export interface LspciDevice {
  /** As printed: "18:00.0" or "0000:18:00.0"; "?" when the paste starts inside a device's block. */
  bdf: string;
  name: string;
  /** 1-based line of the device header (or of its first capability line when there is no header). */
  line: number;
  msix: LspciMsix | null;
  /** lspci printed "Capabilities: <access denied>" (run without root). */
  accessDenied: boolean;
}

export interface LspciImport {
  kind: 'lspci';
  device: LspciDevice;
  /** Every device found, in input order, with its MSI-X Count (null: none shown). */
  devices: { bdf: string; name: string; count: number | null }[];
  warnings: ImportWarning[];
  /** What the default guest does, in one sentence (also in the scenario's description). */
  guest: string;
  scenario: Scenario;
}

/** The default guest asks for at most this many vectors (see defaultGuestSteps). */
export const GUEST_MAX_VECTORS = 16;
/** x86 host page: QEMU traps the MSI-X structures in whole host pages (vfio_pci_fixup_msix_region). */
const PAGE_4K = 4096;

const HEADER = /^((?:[0-9a-f]{4,8}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])\s+(\S.*)$/i;
const MSIX = /MSI-X:\s*Enable([+-])\s+Count=(\d+)\s+Masked([+-])/;
const CAP_AT = /Capabilities:\s*\[([0-9a-f]+)(?:\s+v\d+)?\]/i;
const TABLE = /Vector table:\s*BAR=(\d+)\s+offset=([0-9a-f]+)/i;
const PBA = /PBA:\s*BAR=(\d+)\s+offset=([0-9a-f]+)/i;
const DENIED = /Capabilities:\s*<access denied>/i;

/** Removes what mail, forums and markdown put around pasted output: "> " quoting and **bold**. */
function clean(line: string): string {
  return line.replace(/^\s*(?:>\s?)+/, '').replace(/\*\*/g, '');
}

/** Every device block in the text, with its MSI-X capability if lspci printed one. */
export function parseLspciDevices(text: string): LspciDevice[] {
  const lines = boundedLines(text, 'lspci output');
  const devices: LspciDevice[] = [];
  let cur: LspciDevice | null = null;
  // The MSI-X block the next "Vector table"/"PBA" lines belong to; closed by any other capability.
  let open: LspciMsix | null = null;
  lines.forEach((raw, i) => {
    const line = clean(raw);
    const h = HEADER.exec(line.trimEnd());
    if (h && !/^\s/.test(line)) {
      cur = { bdf: h[1]!, name: h[2]!.trim().slice(0, 200), line: i + 1, msix: null, accessDenied: false };
      devices.push(cur);
      open = null;
      return;
    }
    const m = MSIX.exec(line);
    if (m) {
      if (!cur || cur.msix) {
        // A paste that starts inside a device's block (e.g. `lspci -vvv | grep -A2 MSI-X`).
        cur = { bdf: '?', name: '(no device line in the paste)', line: i + 1, msix: null, accessDenied: false };
        devices.push(cur);
      }
      const at = CAP_AT.exec(line);
      open = {
        capOffset: at ? parseInt(at[1]!, 16) : null,
        count: Number(m[2]),
        enabled: m[1] === '+',
        functionMasked: m[3] === '+',
        table: null,
        pba: null,
      };
      cur.msix = open;
      return;
    }
    if (!cur) return;
    if (DENIED.test(line)) {
      cur.accessDenied = true;
      open = null;
      return;
    }
    if (/Capabilities:/.test(line)) {
      open = null;
      return;
    }
    if (!open) return;
    const t = TABLE.exec(line);
    if (t) open.table = { bar: Number(t[1]), offset: parseInt(t[2]!, 16) };
    const p = PBA.exec(line);
    if (p && !t) open.pba = { bar: Number(p[1]), offset: parseInt(p[2]!, 16) };
  });
  return devices;
}

const sameBdf = (a: string, b: string): boolean => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || x.endsWith(`:${y}`) || y.endsWith(`:${x}`);
};

const label = (d: LspciDevice): string => (d.bdf === '?' ? d.name : `${d.bdf} (${quoteInput(d.name, 60)})`);

/** Picks the device: by BDF if given, else the first with MSI-X. Errors name the device. */
function pick(devices: LspciDevice[], bdf: string | undefined): LspciDevice {
  const list = devices.map((d) => d.bdf).join(', ');
  if (devices.length === 0)
    throw new ImportError(
      'no PCI device found: paste the output of `lspci -vv` (a line like "18:00.0 Ethernet controller: …" and its indented capabilities)',
    );
  let d: LspciDevice | undefined;
  if (bdf) {
    d = devices.find((x) => sameBdf(x.bdf, bdf));
    if (!d)
      throw new ImportError(`no device ${quoteInput(bdf, 20)} in this lspci output; it lists ${quoteInput(list, 400)}`);
  } else {
    d = devices.find((x) => x.msix) ?? devices[0]!;
  }
  if (d.msix) return d;
  if (!bdf && devices.length > 1)
    throw new ImportError(
      `none of the ${devices.length} devices in this lspci output shows an MSI-X capability (${quoteInput(list, 300)})${devices.some((x) => x.accessDenied) ? '; lspci printed "Capabilities: <access denied>": run it as root (sudo lspci -vv)' : ''}`,
    );
  if (d.accessDenied)
    throw new ImportError(
      `device ${label(d)}: lspci printed "Capabilities: <access denied>", so its MSI-X capability is not shown; run it as root (sudo lspci -vv)`,
    );
  throw new ImportError(
    `device ${label(d)} has no MSI-X capability in this lspci output, so there is nothing to import`,
  );
}

/**
 * Warnings that matter when the device is assigned to a guest. Each cites the code it follows.
 * Sizes: the table is Count × 16 bytes, the PBA ceil(Count / 64) QWORDs (PCI spec; QEMU msix_init).
 */
export function assignmentWarnings(msix: LspciMsix): ImportWarning[] {
  const w: ImportWarning[] = [];
  const { table, pba, count } = msix;
  if (count > KVM_MAX_MSIX_PER_DEV)
    w.push({
      code: 'count-over-256',
      message: `Count=${count} is above pci-assign's KVM_MAX_MSIX_PER_DEV (256): under the pci-assign front end the guest sees only 256 entries and writes beyond them are dropped`,
    });
  if (!table || !pba) {
    w.push({
      code: 'no-table-lines',
      message:
        'lspci did not print the "Vector table:" and "PBA:" lines (use lspci -vv, as root), so the layout checks below were skipped',
    });
    return w;
  }
  const tableEnd = table.offset + count * PCI_MSIX_ENTRY_SIZE;
  const pbaEnd = pba.offset + Math.ceil(count / 64) * 8;
  const where = `table BAR${table.bar}+${hex(table.offset)}…${hex(tableEnd)}, PBA BAR${pba.bar}+${hex(pba.offset)}…${hex(pbaEnd)}`;
  if (table.bar !== pba.bar) {
    w.push({
      code: 'pba-other-bar',
      message: `the PBA is in BAR${pba.bar}, the table in BAR${table.bar} (${where}): QEMU emulates both (msix_init with separate table and PBA regions), so a page in each BAR is trapped and device registers sharing either page are slow-path MMIO`,
    });
    return w;
  }
  if (table.offset < pbaEnd && pba.offset < tableEnd) {
    w.push({
      code: 'overlap',
      message: `the table and the PBA overlap (${where}): QEMU's msix_init refuses this layout ("table & pba overlap, or they don't fit in BARs"), so the device cannot be assigned as it is`,
    });
    return w;
  }
  if (pba.offset < table.offset)
    w.push({
      code: 'pba-before-table',
      message: `the PBA comes before the table in BAR${table.bar} (${where}): legal, but code that sizes the MSI-X region as "table, then PBA" (e.g. a hypervisor mapping table_offset … pba_offset + size) gets a negative or wrong length`,
    });
  const pages = (a: number, b: number, size: number): [number, number] => [
    Math.floor(a / size),
    Math.floor((b - 1) / size),
  ];
  const share = (size: number): boolean => {
    const [t0, t1] = pages(table.offset, tableEnd, size);
    const [p0, p1] = pages(pba.offset, pbaEnd, size);
    return t0 <= p1 && p0 <= t1;
  };
  if (share(PAGE_4K))
    w.push({
      code: 'same-page',
      message: `the table and the PBA share a 4 KiB page (${where}): QEMU traps MMIO in whole host pages (vfio_pci_fixup_msix_region; the emulated msix_table_mmio and msix_pba_mmio regions), so every access to that page, PBA and any other register in it included, is emulated by QEMU instead of reaching the device`,
    });
  return w;
}

/**
 * The default guest, chosen to show what the policies differ on (docs/SCENARIO.md "Importing"):
 * Linux allocates min(Count, 16) vectors at t = 0 (a NIC driver on a 15-vCPU guest: one vector a
 * queue plus one misc), then requests them one by one, 20 µs apart, and each queue's interrupts start
 * 1 µs after its request_irq, every 5 µs, until 100 µs after the last request. So later requests
 * happen while earlier vectors already carry traffic: the moment the enable and growth strategies differ.
 */
export function defaultGuestSteps(count: number): { steps: Step[]; nvec: number; sentence: string } {
  const nvec = Math.min(count, GUEST_MAX_VECTORS);
  const steps: Step[] = [{ at: 0, op: 'linux-alloc-vectors', nvec }];
  const first = 10_000;
  const spacing = 20_000;
  const end = first + nvec * spacing + 100_000;
  for (let v = 0; v < nvec; v++) steps.push({ at: first + v * spacing, op: 'linux-request-irq', vector: v });
  for (let v = 0; v < nvec; v++)
    steps.push({ at: first + v * spacing + 1_000, op: 'raise', vector: v, every: 5_000, until: end });
  const sentence = `a Linux guest allocates ${nvec} of the ${count} vectors (pci_alloc_irq_vectors), calls request_irq on them one by one 20 µs apart, and each vector raises every 5 µs from 1 µs after its request_irq until ${end / 1000} µs`;
  return { steps, nvec, sentence };
}

/** lspci text → one device's MSI-X block, warnings, and a runnable scenario. Throws ImportError. */
export function importLspci(text: string, opts: { device?: string } = {}): LspciImport {
  const devices = parseLspciDevices(text);
  const device = pick(devices, opts.device);
  const msix = device.msix!;
  if (msix.count < 1 || msix.count > MAX_TABLE_SIZE)
    throw new ImportError(
      `device ${label(device)}: MSI-X Count=${msix.count} is outside 1..${MAX_TABLE_SIZE} (line ${device.line})`,
    );
  const warnings = assignmentWarnings(msix);
  const withMsix = devices.filter((d) => d.msix);
  if (!opts.device && withMsix.length > 1)
    warnings.push({
      code: 'many-devices',
      message: `${withMsix.length} devices show MSI-X; imported ${device.bdf}, the first (choose another with --device or the list: ${quoteInput(withMsix.map((d) => d.bdf).join(', '), 300)})`,
    });
  const { steps, nvec, sentence } = defaultGuestSteps(msix.count);
  if (nvec < msix.count)
    warnings.push({
      code: 'guest-capped',
      message: `the default guest uses ${nvec} of the ${msix.count} vectors (edit the scenario to use more); the table still has ${msix.count} entries, which is what allocate-all and pci-assign see`,
    });
  const loc = (l: MsixLocation | null): string => (l ? `BAR${l.bar}+${hex(l.offset)}` : 'not shown');
  const block = `MSI-X Count=${msix.count} Enable${msix.enabled ? '+' : '-'} Masked${msix.functionMasked ? '+' : '-'}, table ${loc(msix.table)}, PBA ${loc(msix.pba)}`;
  const who = device.bdf === '?' ? 'a device' : `${device.bdf} ${device.name}`;
  const scenario: Scenario = {
    version: 1,
    name: `lspci ${who}`.slice(0, 200),
    description:
      `Imported from lspci -vv: ${who} — ${block}. The guest is msix-lab's default for imports: ${sentence}.`.slice(
        0,
        4000,
      ),
    seed: 1,
    device: { tableSize: msix.count },
    steps,
  };
  return {
    kind: 'lspci',
    device,
    devices: devices.map((d) => ({ bdf: d.bdf, name: d.name, count: d.msix?.count ?? null })),
    warnings,
    guest: sentence,
    scenario,
  };
}
