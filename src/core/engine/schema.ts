import {
  Ev,
  EV_NAMES,
  GUEST_OP_NAMES,
  GuestOp,
  Ignore,
  IGNORE_NAMES,
  Ioctl,
  IOCTL_NAMES,
  Loss,
  LOSS_NAMES,
  Note,
  NOTE_NAMES,
  Path,
  PATH_NAMES,
  Place,
  PLACE_NAMES,
  Target,
  TARGET_NAMES,
  type EvKind,
} from './events.ts';
import type { LogColumns } from './log.ts';

/**
 * The event log's typed schema: every event kind declared once, with its named fields (unit,
 * column, code table), its text form, its inspector sentence, the kinds of row that can cause it
 * and how the timeline classifies it. Everything that reads the log derives from this table:
 * `decode` (a discriminated union, for every consumer that is not a hot loop), the golden text
 * and the CLI's `--format log` (analysis/golden.ts), the explanations (analysis/explain.ts), the
 * timeline's classification (analysis/timeline.ts) and the app's event table and inspector.
 * Hot loops keep reading the raw typed columns, through `col(kind, field)` rather than a/b/c.
 *
 * The numeric codes stay in events.ts (`Ev`, `Loss`, `Note`, ...): adding a code there is one
 * line, and adding an event kind is one entry below plus its uses (the compiler lists them: the
 * `satisfies` below and every exhaustive `switch` over `LogEvent['kind']`).
 */

/** A log column a field lives in (t, kind and cause are common to every row). */
export type Column = 'vec' | 'a' | 'b' | 'c';
export const COLUMNS: readonly Column[] = ['vec', 'a', 'b', 'c'];

/** What a field's number is. `code` fields name their table in `table`. */
export type Unit = 'index' | 'ns' | 'count' | 'id' | 'flag' | 'reg' | 'bytes' | 'errno' | 'code' | 'number';

/** The code tables of events.ts, by name. Each maps a code to its stable text name. */
export const CODE_TABLES = {
  GuestOp: { codes: GuestOp, names: GUEST_OP_NAMES },
  Ioctl: { codes: Ioctl, names: IOCTL_NAMES },
  Ignore: { codes: Ignore, names: IGNORE_NAMES },
  Target: { codes: Target, names: TARGET_NAMES },
  Place: { codes: Place, names: PLACE_NAMES },
  Path: { codes: Path, names: PATH_NAMES },
  Loss: { codes: Loss, names: LOSS_NAMES },
  Note: { codes: Note, names: NOTE_NAMES },
} as const satisfies Record<
  string,
  { codes: Readonly<Record<string, number>>; names: Readonly<Record<number, string>> }
>;
export type TableName = keyof typeof CODE_TABLES;

export interface FieldSpec {
  readonly col: Column;
  readonly unit: Unit;
  readonly doc: string;
  /** For `code` fields: the table its values come from. */
  readonly table?: TableName;
}
type FieldsDecl = Readonly<Record<string, FieldSpec>>;
/** The decoded values of a kind's fields: every field is a number (codes stay codes). */
export type Values<F extends FieldsDecl> = { readonly [K in keyof F]: number };

/** How a raise-related row bears on its raise (`raise` field = the raise id). */
export type RaiseRole = 'start' | 'held' | 'end';

/** How a raise ended, as the timeline draws it (Timeline.raises.outcome). */
export const Outcome = { DIRECT: 1, LATE: 2, COALESCED: 3, LOST: 4, PENDING: 5 } as const;
export const OUTCOME_NAMES: Record<number, string> = {
  1: 'delivered',
  2: 'delivered late',
  3: 'coalesced',
  4: 'lost',
  5: 'still pending',
};

export interface EventDecl<F extends FieldsDecl = FieldsDecl> {
  /** The kind's stable text name (EV_NAMES). */
  readonly name: string;
  /** One line: what this row means. */
  readonly doc: string;
  readonly fields: F;
  /** The fields in words: the golden files, `--format log` and the event table. (Method syntax: lets every kind's declaration satisfy EventDecl.) */
  text(e: Values<F>): string;
  /** Inspector title and sentence for a row with no bespoke explanation; `{field}` is replaced by its value (a code by its name, ns as a duration). */
  readonly title: string;
  readonly sentence: string;
  /** Kinds the `cause` row can be; `root`: the row may have no cause (-1). Checked on every preset log. */
  readonly causes: readonly EvKind[];
  readonly root: boolean;
  /** The timeline steps to it (next/previous event, notable times). */
  readonly step?: boolean;
  readonly raise?: RaiseRole;
  /** For `raise: 'end'`: the outcome it gives its raise. */
  readonly outcome?: (typeof Outcome)[keyof typeof Outcome];
  /** A warning sign on the host or guest lane, or none. */
  warning?(e: Values<F>): 'host' | 'guest' | null;
}

/** Declares one kind; a function so that `text`'s parameter is typed from `fields`. */
function ev<const F extends FieldsDecl>(d: EventDecl<F>): EventDecl<F> {
  return d;
}

const hex = (x: number): string => '0x' + (x >>> 0).toString(16);
const vOpt = (v: number, after = ' '): string => (v >= 0 ? `v${v}${after}` : '');
const WORD = ['addr_lo', 'addr_hi', 'data', 'ctrl'];

const vector = (doc = 'vector (table index)'): FieldSpec => ({ col: 'vec', unit: 'index', doc });
const raiseId: FieldSpec = { col: 'a', unit: 'id', doc: 'raise id (raises are numbered in order)' };
const code = (col: Column, table: TableName, doc: string): FieldSpec => ({ col, unit: 'code', table, doc });
const num = (col: Column, unit: Unit, doc: string): FieldSpec => ({ col, unit, doc });

// Cause kinds, grouped.
const GUEST_WRITE = [Ev.CFG_WRITE, Ev.TBL_WRITE] as const;
/**
 * What can decide a raise's fate after it was raised: the raise itself, a guest write or mask
 * change, or a host reconfiguration (an ioctl, Enable cleared, a window, a request, a cleared
 * pending bit or eventfd). Observed on every preset and on random scenarios (engine/schema.test.ts).
 */
const RAISE_FATE = [
  Ev.RAISE,
  ...GUEST_WRITE,
  Ev.CTRL,
  Ev.GUEST_MASK,
  Ev.GUEST_PBA_CLR,
  Ev.IOCTL,
  Ev.HOST_DISABLE,
  Ev.HOST_REQUEST,
  Ev.HOST_PBA_CLR,
  Ev.HOST_FREE_IRQ,
  Ev.HOST_FREE,
  Ev.EFD_CLR,
  Ev.QEMU_HANDLER,
  Ev.WINDOW_OPEN,
  Ev.NOTE,
] as const;

export const SCHEMA = {
  [Ev.GUEST_OP]: ev({
    name: 'guest-op',
    doc: 'A guest driver operation begins.',
    fields: {
      vec: vector("the op's vector, or -1"),
      op: code('a', 'GuestOp', 'which driver operation'),
      opId: num('b', 'id', 'op id: 0, 1, 2 ... in execution order'),
      arg: num('c', 'number', 'argument: nvec/count, raw write value, 1 if noAutoEn, cpu, mailbox timeout, else 0'),
    },
    text: (e) =>
      `${GUEST_OP_NAMES[e.op]}${e.vec >= 0 ? `(${e.vec})` : ''} op=${e.opId}${e.op === GuestOp.LINUX_ALLOC_VECTORS || e.op === GuestOp.FREEBSD_ALLOC_MSIX ? ` n=${e.arg}` : ''}`,
    title: 'Guest: {op}',
    sentence: 'The guest driver runs {op}.',
    causes: [],
    root: true,
    step: true,
  }),
  [Ev.CFG_WRITE]: ev({
    name: 'cfg-write',
    doc: 'Guest config write to the MSI-X capability.',
    fields: {
      offset: num('a', 'bytes', 'offset in the capability'),
      size: num('b', 'bytes', 'access size'),
      value: num('c', 'reg', 'value written'),
    },
    text: (e) => `cap+${e.offset} size=${e.size} value=${hex(e.value)}`,
    title: 'Guest config write',
    sentence: 'The guest wrote {value} ({size} bytes) at offset {offset} of the MSI-X capability.',
    causes: [Ev.GUEST_OP],
    root: false,
  }),
  [Ev.CTRL]: ev({
    name: 'ctrl',
    doc: 'Message Control changed (guest view).',
    fields: { value: num('a', 'reg', 'new Message Control'), old: num('b', 'reg', 'old Message Control') },
    text: (e) =>
      `msg_ctrl ${hex(e.old)} -> ${hex(e.value)}${e.value & 0x8000 ? ' ENABLE' : ''}${e.value & 0x4000 ? ' MASKALL' : ''}`,
    title: 'Message Control changed',
    sentence: "The guest's Message Control went from {old} to {value} (bit 15 MSI-X Enable, bit 14 Function Mask).",
    causes: [Ev.CFG_WRITE],
    root: false,
  }),
  [Ev.TBL_WRITE]: ev({
    name: 'tbl-write',
    doc: 'Guest write to one word of a vector table entry.',
    fields: {
      vec: vector('table entry'),
      word: num('a', 'index', 'word in the entry: 0 addr lo, 1 addr hi, 2 data, 3 vector control'),
      value: num('b', 'reg', 'new value (signed 32-bit; >>> 0 for unsigned)'),
      old: num('c', 'reg', 'old value (unsigned)'),
    },
    text: (e) => `v${e.vec}.${WORD[e.word]} ${hex(e.old)} -> ${hex(e.value)}`,
    title: 'Guest table write',
    sentence:
      'The guest wrote {value} to word {word} of entry {vec} (0 addr lo, 1 addr hi, 2 data, 3 vector control); it held {old}.',
    causes: [Ev.GUEST_OP],
    root: false,
  }),
  [Ev.GUEST_MASK]: ev({
    name: 'guest-mask',
    doc: 'Effective guest mask of an entry changed (Enable = 0, Function Mask or entry mask).',
    fields: { vec: vector(), masked: num('a', 'flag', '1 masked, 0 unmasked') },
    text: (e) => `v${e.vec} ${e.masked ? 'masked' : 'unmasked'}`,
    title: 'Guest mask changed',
    sentence:
      "Vector {vec} is now effectively masked in the guest's view: {masked} (MSI-X Enable 0, Function Mask or the entry's mask bit).",
    causes: [...GUEST_WRITE],
    root: false,
  }),
  [Ev.GUEST_PBA_CLR]: ev({
    name: 'guest-pba-clr',
    doc: 'Guest (emulated) PBA bit cleared; it is set by a pend row with place guest-pba.',
    fields: { vec: vector(), discarded: num('a', 'flag', '1 if discarded, 0 if sent') },
    text: (e) => `v${e.vec}${e.discarded ? ' discarded' : ''}`,
    title: 'Emulated PBA bit cleared',
    sentence: "QEMU cleared vector {vec}'s emulated pending bit; discarded rather than sent: {discarded}.",
    causes: [Ev.GUEST_MASK, ...GUEST_WRITE],
    root: false,
  }),
  [Ev.IGNORED]: ev({
    name: 'ignored',
    doc: 'A write the model ignores (read-only bits, dropped entries).',
    fields: { vec: vector('entry, or -1'), reason: code('a', 'Ignore', 'why it was ignored') },
    text: (e) => `${vOpt(e.vec)}${IGNORE_NAMES[e.reason]}`,
    title: 'Write ignored',
    sentence: 'The write was ignored: {reason}.',
    causes: [Ev.GUEST_OP, ...GUEST_WRITE],
    root: false,
  }),
  [Ev.IOCTL]: ev({
    name: 'ioctl',
    doc: 'A host ioctl (VFIO_DEVICE_SET_IRQS or KVM assignment) or the paravirtual hypercall.',
    fields: {
      vec: vector('start, or -1'),
      ioctl: code('a', 'Ioctl', 'which ioctl'),
      count: num('b', 'count', 'vector count'),
      errno: num('c', 'errno', '0 ok, else errno (6 ENXIO, 22 EINVAL, 28 ENOSPC)'),
    },
    text: (e) =>
      `${IOCTL_NAMES[e.ioctl]}${e.vec >= 0 ? ` start=${e.vec}` : ''} count=${e.count}${e.errno ? ` err=${e.errno}` : ''}`,
    title: '{ioctl}',
    sentence: 'The hypervisor called {ioctl} for {count} vectors (errno {errno}).',
    causes: [...GUEST_WRITE, Ev.GUEST_OP, Ev.NOTE],
    root: false,
    step: true,
  }),
  [Ev.HOST_ENABLE]: ev({
    name: 'host-enable',
    doc: 'Host physical MSI-X Enable set to 1.',
    fields: { vectors: num('a', 'count', 'vectors allocated after it') },
    text: (e) => `vectors=${e.vectors}`,
    title: 'Host MSI-X enabled',
    sentence: 'The host set MSI-X Enable on the device with {vectors} vectors allocated.',
    causes: [Ev.IOCTL],
    root: false,
    step: true,
  }),
  [Ev.HOST_DISABLE]: ev({
    name: 'host-disable',
    doc: 'Host physical MSI-X Enable cleared.',
    fields: {},
    text: () => '',
    title: 'Host MSI-X disabled',
    sentence: 'The host cleared MSI-X Enable on the device: until it is set again the device signals INTx.',
    causes: [Ev.IOCTL],
    root: false,
    step: true,
  }),
  [Ev.HOST_ALLOC]: ev({
    name: 'host-alloc',
    doc: 'Host IRQ allocated for a table index (one IRTE; a CPU vector too unless reservation mode).',
    fields: { vec: vector('table index') },
    text: (e) => `v${e.vec}`,
    title: 'Host IRQ allocated',
    sentence:
      'The host allocated an IRQ for table index {vec} (one interrupt-remapping entry; a CPU vector too unless reservation mode).',
    causes: [Ev.IOCTL],
    root: false,
  }),
  [Ev.HOST_FREE]: ev({
    name: 'host-free',
    doc: 'Host IRQ freed.',
    fields: { vec: vector('table index') },
    text: (e) => `v${e.vec}`,
    title: 'Host IRQ freed',
    sentence: 'The host freed the IRQ of table index {vec}.',
    causes: [Ev.IOCTL],
    root: false,
  }),
  [Ev.HOST_ALLOC_FAIL]: ev({
    name: 'host-alloc-fail',
    doc: 'Host allocation failed.',
    fields: {
      vec: vector('index, or -1 for a whole enable'),
      wanted: num('a', 'count', 'vectors wanted in total'),
      budget: num('b', 'count', 'IRQ budget'),
    },
    text: (e) => `${vOpt(e.vec)}want=${e.wanted} budget=${e.budget}`,
    title: 'Host allocation FAILED',
    sentence: 'The host could not allocate {wanted} IRQs (budget {budget}).',
    causes: [Ev.IOCTL],
    root: false,
    step: true,
    warning: () => 'host',
  }),
  [Ev.HOST_REQUEST]: ev({
    name: 'host-request',
    doc: 'request_irq: entry unmasked in hardware with a trigger.',
    fields: { vec: vector('table index'), target: code('a', 'Target', 'what the handler forwards to') },
    text: (e) => `v${e.vec} -> ${TARGET_NAMES[e.target]}`,
    title: 'Host IRQ requested',
    sentence: 'request_irq on index {vec}: the entry is unmasked in hardware and its handler forwards to {target}.',
    causes: [Ev.IOCTL],
    root: false,
  }),
  [Ev.HOST_FREE_IRQ]: ev({
    name: 'host-free-irq',
    doc: 'free_irq: entry masked in hardware, trigger dropped.',
    fields: { vec: vector('table index') },
    text: (e) => `v${e.vec}`,
    title: 'Host IRQ released',
    sentence:
      'free_irq on index {vec}: the entry is masked in hardware and its trigger dropped; the allocation is kept.',
    causes: [Ev.IOCTL],
    root: false,
  }),
  [Ev.HOST_REQUEST_FAIL]: ev({
    name: 'host-request-fail',
    doc: 'request_irq failed (CPU vectors exhausted).',
    fields: {
      vec: vector('table index'),
      inUse: num('a', 'count', 'CPU vectors in use'),
      budget: num('b', 'count', 'CPU vector budget'),
    },
    text: (e) => `v${e.vec} cpu=${e.inUse} budget=${e.budget}`,
    title: 'request_irq FAILED',
    sentence: 'request_irq on index {vec} failed: {inUse} of {budget} CPU vectors in use.',
    causes: [Ev.IOCTL],
    root: false,
    step: true,
    warning: () => 'host',
  }),
  [Ev.HOST_PBA_CLR]: ev({
    name: 'host-pba-clr',
    doc: 'Physical PBA bit cleared; it is set by a pend row with place host-pba.',
    fields: { vec: vector('table index'), dropped: num('a', 'flag', '1 if dropped, 0 if sent') },
    text: (e) => `v${e.vec} ${e.dropped ? 'dropped' : 'sent'}`,
    title: 'Device PBA bit cleared',
    sentence: "The device's pending bit for index {vec} was cleared; dropped rather than sent: {dropped}.",
    causes: [Ev.IOCTL],
    root: false,
  }),
  [Ev.EFD_CLR]: ev({
    name: 'efd-clr',
    doc: 'An unread eventfd count was consumed or discarded; it is set by a pend row with place eventfd.',
    fields: { vec: vector(), discarded: num('a', 'flag', '0 read, 1 discarded') },
    text: (e) => `v${e.vec} ${e.discarded ? 'discarded' : 'read'}`,
    title: 'Eventfd count cleared',
    sentence: "The unread count on vector {vec}'s eventfd was cleared; discarded rather than read: {discarded}.",
    causes: [...GUEST_WRITE],
    root: false,
  }),
  [Ev.QEMU_HANDLER]: ev({
    name: 'qemu-handler',
    doc: "QEMU installed or removed its fd handler on the vector's userspace eventfd.",
    fields: { vec: vector(), installed: num('a', 'flag', '1 installed, 0 removed') },
    text: (e) => `v${e.vec} ${e.installed ? 'installed' : 'removed'}`,
    title: 'QEMU fd handler',
    sentence: "QEMU's fd handler (vfio_msi_interrupt) on vector {vec}'s eventfd; installed (not removed): {installed}.",
    causes: [...GUEST_WRITE, Ev.NOTE],
    root: false,
  }),
  [Ev.WINDOW_OPEN]: ev({
    name: 'window-open',
    doc: 'Resize window opens: host Enable 0 while the guest has MSI-X enabled.',
    fields: {
      vec: vector('the vector whose use grew the index, or -1'),
      vectors: num('a', 'count', 'nr_vectors after the resize (vfio) / entries counted (pci-assign)'),
      plannedNs: num('c', 'ns', 'planned length'),
    },
    text: (e) => `nr_vectors=${e.vectors} length=${e.plannedNs}ns`,
    title: 'Host MSI-X disabled for a resize',
    sentence: 'Host MSI-X Enable goes to 0 for {plannedNs} while the host sets up {vectors} vectors again.',
    causes: [Ev.IOCTL],
    root: false,
    step: true,
  }),
  [Ev.WINDOW_CLOSE]: ev({
    name: 'window-close',
    doc: 'Resize window closes.',
    fields: { vec: vector('as in its window-open row'), lengthNs: num('c', 'ns', 'its length') },
    text: (e) => `after ${e.lengthNs}ns`,
    title: 'Resize window closed',
    sentence: 'Host MSI-X Enable is back after {lengthNs}.',
    causes: [Ev.WINDOW_OPEN],
    root: false,
    step: true,
  }),
  [Ev.RAISE]: ev({
    name: 'raise',
    doc: 'The device signals a vector.',
    fields: {
      vec: vector(),
      raise: raiseId,
      stream: num('b', 'id', 'traffic stream id (-2: the PF mailbox reply)'),
      path: code('c', 'Path', 'how it was delivered in the same instant (then no deliver row), else 0'),
    },
    text: (e) =>
      `v${e.vec} #${e.raise}${e.stream >= 0 ? ` stream=${e.stream}` : ' mailbox-reply'}${e.path ? ` -> delivered via ${PATH_NAMES[e.path]}` : ''}`,
    title: 'Raise #{raise}',
    sentence: 'The device signalled vector {vec}.',
    causes: [],
    root: true,
    raise: 'start',
  }),
  [Ev.DELIVER]: ev({
    name: 'deliver',
    doc: 'The guest received a raise that was held first.',
    fields: {
      vec: vector(),
      raise: raiseId,
      path: code('b', 'Path', 'how it reached the guest'),
      latencyNs: num('c', 'ns', 'latency since the raise'),
    },
    text: (e) => `v${e.vec} #${e.raise} via ${PATH_NAMES[e.path]}${e.latencyNs ? ` late=${e.latencyNs}ns` : ''}`,
    title: 'Raise #{raise} delivered late',
    sentence: 'Delivered {latencyNs} after it was raised, via {path}.',
    causes: RAISE_FATE,
    root: false,
    step: true,
    raise: 'end',
    outcome: Outcome.LATE,
  }),
  [Ev.PEND]: ev({
    name: 'pend',
    doc: 'A raise is held pending.',
    fields: { vec: vector(), raise: raiseId, place: code('b', 'Place', 'where it waits') },
    text: (e) => `v${e.vec} #${e.raise} in ${PLACE_NAMES[e.place]}`,
    title: 'Raise #{raise} held',
    sentence: 'Held in {place}.',
    causes: RAISE_FATE,
    root: false,
    step: true,
    raise: 'held',
  }),
  [Ev.COALESCE]: ev({
    name: 'coalesce',
    doc: 'A raise merged into one already pending.',
    fields: {
      vec: vector(),
      raise: raiseId,
      place: code('b', 'Place', 'where the holder waits'),
      into: num('c', 'id', 'raise id that holds it'),
    },
    text: (e) => `v${e.vec} #${e.raise} into #${e.into} in ${PLACE_NAMES[e.place]}`,
    title: 'Raise #{raise} coalesced',
    sentence: 'Merged into raise #{into}, pending in {place}.',
    causes: RAISE_FATE,
    root: false,
    step: true,
    raise: 'end',
    outcome: Outcome.COALESCED,
  }),
  [Ev.LOST]: ev({
    name: 'lost',
    doc: 'A raise is lost.',
    fields: { vec: vector(), raise: raiseId, loss: code('b', 'Loss', 'why it was lost') },
    text: (e) => `v${e.vec} #${e.raise} ${LOSS_NAMES[e.loss]}`,
    title: 'Raise #{raise} LOST',
    sentence: 'Lost: {loss}.',
    causes: RAISE_FATE,
    root: false,
    step: true,
    raise: 'end',
    outcome: Outcome.LOST,
  }),
  [Ev.NOTE]: ev({
    name: 'note',
    doc: 'A model decision worth explaining.',
    fields: {
      vec: vector('vector, or -1'),
      note: code('a', 'Note', 'which decision'),
      x: num('b', 'number', 'first number (see the Note table)'),
      y: num('c', 'number', 'second number'),
    },
    text: (e) =>
      `${NOTE_NAMES[e.note]}${e.vec >= 0 ? ` v${e.vec}` : ''}${e.x || e.y ? ` ${e.x}${e.y ? `/${e.y}` : ''}` : ''}`,
    title: 'Decision',
    sentence: 'Model decision: {note}.',
    causes: [...GUEST_WRITE, Ev.GUEST_OP, Ev.IOCTL, Ev.NOTE],
    // A `neighbor` note is another device's request (host.neighbor): nothing in this VM caused it.
    root: true,
    step: true,
    warning: (e) =>
      e.note === Note.SETUP_FAILED
        ? 'host'
        : e.note === Note.MSG_WHILE_UNMASKED || e.note === Note.GUEST_ALLOC_FAILED
          ? 'guest'
          : null,
  }),
  [Ev.MAILBOX]: ev({
    name: 'mailbox',
    doc: 'A VF/PF mailbox handshake finished.',
    fields: { ok: num('a', 'flag', '1 answered, 0 timed out'), waitedNs: num('c', 'ns', 'time waited') },
    text: (e) => `${e.ok ? 'ok' : 'TIMEOUT'} waited=${e.waitedNs}ns`,
    title: 'Mailbox',
    sentence: 'The mailbox handshake finished after {waitedNs}; answered: {ok}.',
    causes: [Ev.GUEST_OP],
    root: false,
    step: true,
    warning: (e) => (e.ok ? null : 'guest'),
  }),
} as const satisfies { readonly [K in EvKind]: EventDecl<FieldsDecl> };

type Schema = typeof SCHEMA;
/** Columns every row has. */
interface RowBase {
  readonly seq: number;
  readonly t: number;
  readonly cause: number;
}
/** One decoded log row: a discriminated union on `kind`, with the kind's named fields. */
export type LogEvent = { [K in EvKind]: RowBase & { readonly kind: K } & Values<Schema[K]['fields']> }[EvKind];
export type EventOf<K extends EvKind> = Extract<LogEvent, { kind: K }>;
export type FieldName<K extends EvKind> = keyof Schema[K]['fields'] & string;

/** The declaration of a kind (any code the log may hold, so it can be missing for a foreign code). */
export function declOf(kind: number): EventDecl | undefined {
  return (SCHEMA as Readonly<Record<number, EventDecl>>)[kind];
}

/** Every declared kind code, ascending. */
export const KINDS: readonly EvKind[] = Object.keys(SCHEMA)
  .map(Number)
  .sort((x, y) => x - y) as EvKind[];

/** Per kind, its fields as [name, column] pairs (decode's inner loop). */
const LAYOUT: ReadonlyArray<ReadonlyArray<readonly [string, Column]> | undefined> = (() => {
  const out: (ReadonlyArray<readonly [string, Column]> | undefined)[] = [];
  for (const k of KINDS) out[k] = Object.entries(declOf(k)!.fields).map(([n, f]) => [n, f.col] as const);
  return out;
})();

/** Decodes row i. Throws on a kind the schema does not declare (a log from another version). */
export function decode(log: LogColumns, i: number): LogEvent {
  const kind = log.kind[i]!;
  const lay = LAYOUT[kind];
  if (!lay) throw new Error(`log row ${i}: unknown event kind ${kind}`);
  const e: Record<string, number> = { kind, seq: i, t: log.t[i]!, cause: log.cause[i]! };
  for (const [name, c] of lay) e[name] = log[c][i]!;
  return e as unknown as LogEvent;
}

/** The raw column values a decoded row came from (undeclared columns hold their defaults: vec -1, a/b/c 0). */
export function encode(e: LogEvent): {
  t: number;
  kind: number;
  vec: number;
  a: number;
  b: number;
  c: number;
  cause: number;
} {
  const row = { t: e.t, kind: e.kind as number, vec: -1, a: 0, b: 0, c: 0, cause: e.cause };
  const vals = e as unknown as Record<string, number>;
  for (const [name, c] of LAYOUT[e.kind]!) row[c] = vals[name]!;
  return row;
}

/** The column that holds a kind's field, for hot loops: `log[col(Ev.LOST, 'loss')][i]`. */
export function col<K extends EvKind>(kind: K, field: FieldName<K>): Column {
  return (SCHEMA[kind].fields as FieldsDecl)[field]!.col;
}

/** The fields of row i in words (the golden text body). Unknown kinds give ''. */
export function describeEvent(log: LogColumns, i: number): string {
  const d = declOf(log.kind[i]!);
  return d ? d.text(decode(log, i) as unknown as Values<FieldsDecl>) : '';
}

/** The name of a code-valued field's value, or the number. */
export function fieldText(kind: EvKind, name: string, value: number): { spec: FieldSpec; text: string } | null {
  const spec = (declOf(kind)?.fields as FieldsDecl | undefined)?.[name];
  if (!spec) return null;
  if (spec.table) return { spec, text: CODE_TABLES[spec.table].names[value] ?? `${spec.table} ${value}` };
  if (spec.unit === 'reg') return { spec, text: hex(value) };
  return { spec, text: String(value) };
}

/** Per-kind lookup tables for hot loops (index = kind code). */
export const STEP_KIND: Uint8Array = Uint8Array.from({ length: 256 }, (_, k) => (declOf(k)?.step ? 1 : 0));
/** Outcome a raise-ending kind gives its raise, else 0. */
export const END_OUTCOME: Uint8Array = Uint8Array.from({ length: 256 }, (_, k) => declOf(k)?.outcome ?? 0);
/** Kinds that can carry a warning (their `warning` decides per row). */
export const WARN_KIND: Uint8Array = Uint8Array.from({ length: 256 }, (_, k) => (declOf(k)?.warning ? 1 : 0));
/** Kinds whose `raise` field names a raise (start, held or end). */
export const RAISE_ROW_KINDS: ReadonlySet<number> = new Set(KINDS.filter((k) => declOf(k)!.raise));
/** The one column every raise-row kind keeps its `raise` id in (checked here, at load: scans filter on it before decoding). */
export const RAISE_ID_COL: Column = (() => {
  const cols = new Set<Column | undefined>(
    [...RAISE_ROW_KINDS].map((k) => (declOf(k)!.fields as FieldsDecl)['raise']?.col),
  );
  if (cols.size !== 1 || cols.has(undefined))
    throw new Error('schema: every raise-row kind must keep its raise id in one column');
  return [...cols][0]!;
})();

/** The warning row i carries, if any (decodes only kinds that can carry one). */
export function warningOf(log: LogColumns, i: number): 'host' | 'guest' | null {
  const d = declOf(log.kind[i]!);
  return d?.warning ? d.warning(decode(log, i) as unknown as Values<FieldsDecl>) : null;
}

/** EV_NAMES stays the source of kind names; this checks the schema agrees (tested). */
export const SCHEMA_NAMES_MATCH = (): boolean => KINDS.every((k) => EV_NAMES[k] === declOf(k)!.name);

/** For exhaustive switches over LogEvent['kind']: a new kind is a compile error here. */
export function assertNever(x: never): never {
  throw new Error(`unhandled event kind ${(x as { kind?: number } | null)?.kind ?? String(x)}`);
}
