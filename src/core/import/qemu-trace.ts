import type { Scenario, Step } from '../scenario/schema.ts';
import { MAX_STEPS } from '../scenario/schema.ts';
import { MAX_TABLE_SIZE } from '../spec/pci-msix.ts';
import { boundedLines, ImportError, MAX_LISTED_UNKNOWN, quoteInput, type ImportWarning } from './common.ts';

/**
 * A QEMU trace of vfio's MSI-X events (`-trace 'vfio_msix*' -trace vfio_msi_interrupt`, log backend)
 * → a scenario replaying the guest's mask/unmask order and timing and the device's interrupts.
 *
 * Line formats are QEMU's hw/vfio/trace-events format strings, printed by the log backend as
 * `[pid@sec.usec:]name <format>` (the prefix only with timestamps on; newer QEMU prints an ISO time
 * `2024-05-01T10:00:00.123456Z ` instead with `-msg timestamp=on`):
 *   vfio_msix_vector_do_use   " (%s) vector %d used"
 *   vfio_msix_vector_release  " (%s) vector %d released"
 *   vfio_msix_enable / vfio_msix_disable / vfio_msix_pba_enable / vfio_msix_pba_disable  " (%s)"
 *   vfio_msi_interrupt        " (%s) vector %d 0x%"PRIx64"/0x%x"
 *   vfio_msix_early_setup     "%s PCI MSI-X CAP @0x%x, BAR %d, offset 0x%x, entries %d, noresize %d"
 *                              (", noresize %d" only since QEMU 8.2)
 *   vfio_msix_fixup           " (%s) MSI-X region %d mmap fixup [0x%"PRIx64" - 0x%"PRIx64"]"
 *   vfio_msix_relo            " (%s) BAR %d offset 0x%"PRIx64
 *   vfio_msi_enable           " (%s) Enabled %d MSI vectors", vfio_msi_disable " (%s)"  (MSI, not MSI-X)
 *
 * How the events become steps (docs/SCENARIO.md "Importing"). The trace shows what QEMU saw, not
 * the guest's driver, so the importer assumes a Linux guest and replays it with linux-* ops, which
 * write the message data every policy needs (the data hack counts data ≠ 0; raw unmask writes would
 * leave it 0):
 * - vfio_msix_enable  → linux-alloc-vectors, nvec = highest vector the trace uses + 1 (≤ table size);
 * - first vfio_msix_vector_do_use of v after an enable → linux-request-irq v; a later one after a
 *   release → linux-enable-irq v (both unmask: one vector_use in QEMU);
 * - vfio_msix_vector_release of an unmasked v → linux-disable-irq v (masks: one vector_release);
 * - vfio_msix_disable → linux-free-vectors;
 * - vfio_msi_interrupt on v → raise v at that time (QEMU saw an interrupt on v's eventfd: the device
 *   raised it. Interrupts delivered by KVM's irqfd never reach QEMU and are not in the trace.)
 * QEMU before 8.2 enables MSI-X by using and releasing vector 0 *inside* vfio_msix_enable, whose trace
 * line comes after them (vfio_msix_enable: vfio_msix_vector_do_use(pdev, 0, …); …_release(pdev, 0);
 * msix_set_vector_notifiers(…); trace_vfio_msix_enable): that pair is QEMU's, not the guest's, and
 * is folded into the enable. Uses seen before an enable (msix_set_vector_notifiers replaying already
 * unmasked vectors) are applied right after it, at its time.
 */

export interface TraceVectorSummary {
  vector: number;
  uses: number;
  releases: number;
  interrupts: number;
}

export interface TraceImport {
  kind: 'qemu-trace';
  /** The vfio device name in the trace ("0000:03:00.0"). */
  device: string;
  /** Every device name seen, in order of first appearance. */
  devices: string[];
  tableSize: number;
  /** From vfio_msix_early_setup, when the trace has it. */
  early: { bar: number; offset: number; entries: number; noresize: boolean | null } | null;
  enables: number;
  disables: number;
  pbaEnables: number;
  vectors: TraceVectorSummary[];
  /** Lines the importer does not use: { line (1-based), text (bounded) }, at most MAX_LISTED_UNKNOWN. */
  unknown: { line: number; text: string }[];
  unknownCount: number;
  /** Span of the trace's timestamps, ns (0 without timestamps). */
  spanNs: number;
  hasTimestamps: boolean;
  warnings: ImportWarning[];
  scenario: Scenario;
}

type Ev =
  | { k: 'use' | 'release'; v: number }
  | { k: 'enable' | 'disable' | 'pba-enable' | 'pba-disable' }
  | { k: 'irq'; v: number }
  | { k: 'early'; bar: number; offset: number; entries: number; noresize: boolean | null }
  | { k: 'info' };

interface Line {
  line: number;
  /** Microseconds (pid@sec.usec) or null. */
  us: number | null;
  dev: string;
  ev: Ev;
}

const PID_PREFIX = /^\s*\d+@(\d+)\.(\d{1,6}):\s*/;
const ISO_PREFIX = /^\s*(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?Z?\s+/;
const NAME = /^(vfio_[a-z0-9_]+)\b\s*(.*)$/;
const PAREN = /^\(\s*([^)\s]+)\s*\)\s*(.*)$/;

/** The known events and the shape of their argument text (after "(name)" where there is one). */
const SHAPES: Record<string, { re: RegExp; expect: string; make: (m: RegExpExecArray) => Ev }> = {
  vfio_msix_vector_do_use: {
    re: /^vector (\d+) used$/,
    expect: '(<device>) vector <n> used',
    make: (m) => ({ k: 'use', v: Number(m[1]) }),
  },
  vfio_msix_vector_release: {
    re: /^vector (\d+) released$/,
    expect: '(<device>) vector <n> released',
    make: (m) => ({ k: 'release', v: Number(m[1]) }),
  },
  vfio_msix_enable: { re: /^$/, expect: '(<device>)', make: () => ({ k: 'enable' }) },
  vfio_msix_disable: { re: /^$/, expect: '(<device>)', make: () => ({ k: 'disable' }) },
  vfio_msix_pba_enable: { re: /^$/, expect: '(<device>)', make: () => ({ k: 'pba-enable' }) },
  vfio_msix_pba_disable: { re: /^$/, expect: '(<device>)', make: () => ({ k: 'pba-disable' }) },
  vfio_msi_interrupt: {
    re: /^vector (\d+) 0x[0-9a-f]+\/0x[0-9a-f]+$/i,
    expect: '(<device>) vector <n> 0x<address>/0x<data>',
    make: (m) => ({ k: 'irq', v: Number(m[1]) }),
  },
  vfio_msix_fixup: {
    re: /^MSI-X region \d+ mmap fixup \[0x[0-9a-f]+ - 0x[0-9a-f]+\]$/i,
    expect: '(<device>) MSI-X region <n> mmap fixup [0x… - 0x…]',
    make: () => ({ k: 'info' }),
  },
  vfio_msix_relo: {
    re: /^BAR \d+ offset 0x[0-9a-f]+$/i,
    expect: '(<device>) BAR <n> offset 0x…',
    make: () => ({ k: 'info' }),
  },
};
const EARLY = /^(\S+) PCI MSI-X CAP @0x[0-9a-f]+, BAR (\d+), offset 0x([0-9a-f]+), entries (\d+)(?:, noresize (\d))?$/i;
/** vfio events that are about MSI, not MSI-X: recognised and set aside, not "unknown". */
const MSI_ONLY = new Set(['vfio_msi_enable', 'vfio_msi_disable', 'vfio_msi_setup']);

function timeOf(line: string): { us: number | null; rest: string } {
  const p = PID_PREFIX.exec(line);
  if (p) return { us: Number(p[1]) * 1e6 + Number(p[2]!.padEnd(6, '0')), rest: line.slice(p[0].length) };
  const iso = ISO_PREFIX.exec(line);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac] = iso;
    const sec = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000;
    return { us: sec * 1e6 + Number((frac ?? '').slice(0, 6).padEnd(6, '0')), rest: line.slice(iso[0].length) };
  }
  return { us: null, rest: line };
}

function parseLines(lines: string[]) {
  const out: Line[] = [];
  const unknown: { line: number; text: string }[] = [];
  let unknownCount = 0;
  let msiOnly = 0;
  const addUnknown = (line: number, text: string): void => {
    unknownCount++;
    if (unknown.length < MAX_LISTED_UNKNOWN) unknown.push({ line, text: quoteInput(text, 120) });
  };
  lines.forEach((raw, i) => {
    const n = i + 1;
    if (raw.trim() === '') return;
    const { us, rest } = timeOf(raw);
    const nm = NAME.exec(rest.trim());
    if (!nm) return addUnknown(n, raw);
    const [, name, args] = nm as unknown as [string, string, string];
    if (name === 'vfio_msix_early_setup') {
      const e = EARLY.exec(args.trim());
      if (!e)
        throw new ImportError(
          `line ${n}: vfio_msix_early_setup: expected "<device> PCI MSI-X CAP @0x…, BAR <n>, offset 0x…, entries <n>[, noresize <0|1>]", got "${quoteInput(args)}"`,
        );
      out.push({
        line: n,
        us,
        dev: e[1]!,
        ev: {
          k: 'early',
          bar: Number(e[2]),
          offset: parseInt(e[3]!, 16),
          entries: Number(e[4]),
          noresize: e[5] === undefined ? null : e[5] === '1',
        },
      });
      return;
    }
    if (MSI_ONLY.has(name)) {
      msiOnly++;
      return addUnknown(n, raw);
    }
    const shape = SHAPES[name];
    if (!shape) return addUnknown(n, raw);
    const p = PAREN.exec(args.trim());
    const m = p ? shape.re.exec(p[2]!.trim()) : null;
    if (!p || !m) throw new ImportError(`line ${n}: ${name}: expected "${shape.expect}", got "${quoteInput(args)}"`);
    out.push({ line: n, us, dev: p[1]!, ev: shape.make(m) });
  });
  return { out, unknown, unknownCount, msiOnly };
}

/** Trace text → one device's events → a scenario. Throws ImportError (naming the line) on a malformed known line. */
export function importQemuTrace(text: string, opts: { device?: string } = {}): TraceImport {
  const lines = boundedLines(text, 'trace');
  const { out, unknown, unknownCount, msiOnly } = parseLines(lines);
  const devices = [...new Set(out.map((l) => l.dev))];
  if (devices.length === 0)
    throw new ImportError(
      `no vfio MSI-X trace line found in ${lines.length} lines; record one with: qemu-system-x86_64 … -trace 'vfio_msix*' -trace vfio_msi_interrupt`,
    );
  const device = opts.device ? devices.find((d) => d === opts.device || d.endsWith(`:${opts.device}`)) : devices[0];
  if (!device)
    throw new ImportError(
      `no device ${quoteInput(opts.device ?? '', 40)} in this trace; it has ${quoteInput(devices.join(', '), 300)}`,
    );
  const evs = out.filter((l) => l.dev === device);
  const warnings: ImportWarning[] = [];
  if (devices.length > 1)
    warnings.push({
      code: 'many-devices',
      message: `the trace has ${devices.length} vfio devices; imported ${device} (choose another with --device: ${quoteInput(devices.join(', '), 300)})`,
    });
  if (msiOnly > 0)
    warnings.push({
      code: 'msi-lines',
      message: `${msiOnly} line(s) are about MSI, not MSI-X; they are listed as unused`,
    });

  // Times: integer ns relative to the earliest timestamp of this device; without timestamps, file
  // order 1 µs apart (said in a warning). A line without a timestamp among timed ones takes the
  // previous line's time.
  const timed = evs.filter((l) => l.us !== null);
  const hasTimestamps = timed.length > 0;
  // Loops, not Math.min(...xs): spreading 200,000 arguments overflows the stack.
  let t0 = Infinity;
  for (const l of timed) if (l.us! < t0) t0 = l.us!;
  let last = 0;
  const at = evs.map((l, i) => {
    if (!hasTimestamps) return i * 1000;
    if (l.us !== null) last = Math.round((l.us - t0) * 1000);
    return last;
  });
  if (!hasTimestamps)
    warnings.push({
      code: 'no-timestamps',
      message:
        'the trace has no timestamps (pid@sec.usec: prefix, or -msg timestamp=on): its events are replayed 1 µs apart in file order',
    });

  const early = evs.find((l) => l.ev.k === 'early')?.ev as Extract<Ev, { k: 'early' }> | undefined;
  let maxVec = -1;
  for (const l of evs) if ('v' in l.ev && l.ev.v > maxVec) maxVec = l.ev.v;
  let tableSize = early?.entries ?? maxVec + 1;
  if (!early)
    warnings.push({
      code: 'no-early-setup',
      message: `the table size is not in the trace (vfio_msix_early_setup, printed when the device is realized: add -trace vfio_msix_early_setup and start QEMU with it); using the highest vector + 1 = ${Math.max(1, tableSize)}`,
    });
  if (tableSize < 1) tableSize = 1;
  if (tableSize > MAX_TABLE_SIZE)
    throw new ImportError(`the table has ${tableSize} entries; MSI-X allows at most ${MAX_TABLE_SIZE}`);
  if (maxVec >= tableSize) {
    const l = evs.find((x) => 'v' in x.ev && x.ev.v >= tableSize)!;
    throw new ImportError(
      `line ${l.line}: vector ${maxVec} is outside the ${tableSize}-entry table the trace's vfio_msix_early_setup reports`,
    );
  }
  const nvec = Math.max(1, maxVec + 1);

  // Replay the guest's view: per vector, requested? unmasked?
  const steps: Step[] = [];
  const stats = new Map<number, TraceVectorSummary>();
  const stat = (v: number): TraceVectorSummary => {
    let s = stats.get(v);
    if (!s) stats.set(v, (s = { vector: v, uses: 0, releases: 0, interrupts: 0 }));
    return s;
  };
  let enabled = false;
  let enables = 0;
  let disables = 0;
  let pbaEnables = 0;
  let redundant = 0;
  const requested = new Set<number>();
  const unmasked = new Set<number>();
  let pending: number[] = []; // uses seen while MSI-X is off, applied at the next enable
  const use = (v: number, t: number): void => {
    if (unmasked.has(v)) return void redundant++;
    unmasked.add(v);
    if (requested.has(v)) steps.push({ at: t, op: 'linux-enable-irq', vector: v });
    else {
      requested.add(v);
      steps.push({ at: t, op: 'linux-request-irq', vector: v });
    }
  };
  for (let i = 0; i < evs.length; i++) {
    const { ev } = evs[i]!;
    const t = at[i]!;
    switch (ev.k) {
      case 'use': {
        stat(ev.v).uses++;
        // QEMU < 8.2's own enable: use 0, release 0, then the vfio_msix_enable line (same device).
        const n1 = evs[i + 1]?.ev;
        const n2 = evs[i + 2]?.ev;
        if (!enabled && ev.v === 0 && n1?.k === 'release' && n1.v === 0 && n2?.k === 'enable') {
          stat(0).uses--;
          i++; // skip the release; the enable is next
          break;
        }
        if (!enabled) pending.push(ev.v);
        else use(ev.v, t);
        break;
      }
      case 'release':
        stat(ev.v).releases++;
        if (!enabled) {
          pending = pending.filter((x) => x !== ev.v);
          break;
        }
        if (!unmasked.has(ev.v)) {
          redundant++;
          break;
        }
        unmasked.delete(ev.v);
        steps.push({ at: t, op: 'linux-disable-irq', vector: ev.v });
        break;
      case 'enable':
        enables++;
        if (enabled) {
          redundant++;
          break;
        }
        enabled = true;
        steps.push({ at: t, op: 'linux-alloc-vectors', nvec });
        for (const v of pending) use(v, t);
        pending = [];
        break;
      case 'disable':
        disables++;
        if (!enabled) break;
        enabled = false;
        requested.clear();
        unmasked.clear();
        steps.push({ at: t, op: 'linux-free-vectors' });
        break;
      case 'pba-enable':
        pbaEnables++;
        break;
      case 'irq':
        stat(ev.v).interrupts++;
        steps.push({ at: t, op: 'raise', vector: ev.v });
        break;
      default:
        break;
    }
    if (steps.length > MAX_STEPS)
      throw new ImportError(
        `line ${evs[i]!.line}: the trace makes more than ${MAX_STEPS.toLocaleString('en-US')} scenario steps (the scenario limit); cut it to a shorter window`,
      );
  }
  if (pending.length)
    warnings.push({
      code: 'use-without-enable',
      message: `${pending.length} vector use(s) came with no vfio_msix_enable after them; they were dropped (did the trace start after the guest enabled MSI-X? record from QEMU's start)`,
    });
  if (enables === 0)
    warnings.push({
      code: 'no-enable',
      message:
        'the trace has no vfio_msix_enable: without it the guest never enables MSI-X and nothing is delivered (record from before the guest driver loads)',
    });
  if (redundant > 0)
    warnings.push({
      code: 'redundant',
      message: `${redundant} event(s) repeat the state the vector already had; they add no step`,
    });
  if (steps.length === 0)
    throw new ImportError(
      `the trace of ${device} has no event that makes a step (only ${evs.length} informational line(s))`,
    );

  const vectors = [...stats.values()].sort((a, b) => a.vector - b.vector);
  let spanNs = 0;
  for (const t of at) if (t > spanNs) spanNs = t;
  const irqs = vectors.reduce((s, v) => s + v.interrupts, 0);
  const scenario: Scenario = {
    version: 1,
    name: `QEMU trace ${device}`.slice(0, 200),
    description:
      `Replayed from a QEMU vfio trace of ${device}: ${enables} MSI-X enable(s), ${vectors.length} vector(s), ${irqs} interrupt(s) seen by QEMU over ${(spanNs / 1e6).toFixed(3)} ms. Guest operations are replayed as Linux driver ops (docs/SCENARIO.md, Importing).`.slice(
        0,
        4000,
      ),
    seed: 1,
    device: { tableSize },
    steps,
  };
  return {
    kind: 'qemu-trace',
    device,
    devices,
    tableSize,
    early: early ? { bar: early.bar, offset: early.offset, entries: early.entries, noresize: early.noresize } : null,
    enables,
    disables,
    pbaEnables,
    vectors,
    unknown,
    unknownCount,
    spanNs,
    hasTimestamps,
    warnings,
    scenario,
  };
}
