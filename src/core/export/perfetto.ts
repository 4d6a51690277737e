import { Ev, GUEST_OP_NAMES, GuestOp, IOCTL_NAMES, LOSS_NAMES, PATH_NAMES, PLACE_NAMES } from '../engine/events.ts';
import { decode, declOf } from '../engine/schema.ts';
import { explainRow, fillTemplate } from '../analysis/explain.ts';
import { buildTimeline, HBit, Outcome, OUTCOME_NAMES, type Timeline } from '../analysis/timeline.ts';
import { explainFnOf } from './explain-fn.ts';
import type { ExportMeta, ExportRun } from './run.ts';

/*
 * The whole run as a trace for ui.perfetto.dev (and chrome://tracing): Chrome's trace-event JSON
 * ("JSON Object Format": {"traceEvents": [...], "displayTimeUnit": "ns"}).
 *
 * Why JSON and not Perfetto's own protobuf (TracePacket): no well-kept npm library writes
 * TracePackets (checked the registry: only trace-event JSON writers exist); writing protobuf by
 * hand would mean vendoring Perfetto's .proto files and an encoder to keep in step with them.
 * Perfetto's JSON importer supports everything this trace needs: processes and threads named by
 * metadata events, complete slices, zero-length slices (drawn as instants), counters and flows
 * bound to slices (`bind_id` + `flow_out`/`flow_in`, its "v2" flows: src/trace_processor/
 * importers/json/json_trace_parser_impl.cc MaybeAddFlow). The file stays greppable, and the same
 * file opens in chrome://tracing.
 *
 * Layout: one process per policy (pid = pane index + 1), one thread (track) per lane: the guest
 * driver's operations, the host's MSI-X state, resize windows, host ioctls, warnings, then per
 * active vector three tracks: the device's raises, the host IRQ behind it (a slice while it is
 * allocated or requested), and where each held raise ended (delivered late, coalesced, lost, or
 * still held at the end). A flow arrow joins each held raise to its end. A raise delivered in the
 * same instant is one zero-length slice with its path (the log folds it into one row too: no
 * flow, since it does not travel in time). Every mark's args name the QEMU or Linux function the
 * inspector's explanation names (analysis/explain.ts), and a loss carries its whole sentence.
 *
 * Times: `ts`/`dur` in µs (the format's unit), the model's exact integer ns plus a quarter ns (see
 * `us`: Perfetto truncates); `displayTimeUnit: "ns"` makes the viewer label them in ns.
 *
 * Invariants (checked by perfetto.test.ts on several presets): every slice has dur >= 0; slices on
 * one track are nested or disjoint, never partially overlapping (Perfetto drops those), which
 * the op lane guarantees by packing overlapping ops onto extra tracks; every flow_out id has
 * exactly one flow_in; every pid and tid used is named by a metadata event.
 */

/** A loss explains itself in full (its "why?" sentence) up to this many per policy; the rest name the function only. */
export const MAX_LOSS_SENTENCES = 2000;
/** Events per chunk the generator yields (the CLI writes chunk by chunk). */
const CHUNK = 5000;

/**
 * ns → the format's µs. Perfetto's JSON importer converts a number with
 * `static_cast<int64_t>(ts * 1000.0)` (json_utils.h CoerceToTs): it truncates, and 1.001 * 1000.0
 * is 1000.9999999999999 in doubles, so a plain k / 1000 can land one ns early (and two adjacent
 * ns on the same one). A quarter-ns bias makes the product fall strictly inside (k, k + 1) for
 * every k below ~10^14 ns (a day; the doubles' error there is far below a quarter ns), so
 * truncation gives exactly k; a reader that rounds gets k too.
 */
const us = (ns: number): number => (Math.round(ns) + 0.25) / 1000;

/** Local thread ids inside a process (the global tid is pid * TID_SPAN + local, unique across the trace). */
const TID_SPAN = 1_000_000;
const T_OPS = 1,
  T_HOST = 2,
  T_WINDOWS = 3,
  T_IOCTL = 4,
  T_WARN = 5,
  T_OPS_MORE = 10; // + k: the k-th extra op track
const T_VEC = 100_000; // + 4v + {0 raises, 1 host IRQ, 2 outcomes}

/** A flow id unique across the trace (pid and raise id), within JSON's exact integers. */
const flowId = (pid: number, raise: number): number => pid * 2 ** 32 + raise;

type Json = Record<string, unknown>;

/** Streams the trace as JSON text, one policy at a time (`runs` may be produced lazily). */
export function* perfettoChunks(runs: Iterable<ExportRun>, meta: ExportMeta): Generator<string> {
  yield '{"displayTimeUnit":"ns","traceEvents":[\n';
  let first = true;
  const policies: string[] = [];
  const notes: string[] = [];
  let pid = 0;
  for (const run of runs) {
    pid++;
    policies.push(run.policy);
    let batch: string[] = [];
    for (const e of runEvents(run, pid, notes)) {
      batch.push(JSON.stringify(e));
      if (batch.length >= CHUNK) {
        yield (first ? '' : ',\n') + batch.join(',\n');
        first = false;
        batch = [];
      }
    }
    if (batch.length) {
      yield (first ? '' : ',\n') + batch.join(',\n');
      first = false;
    }
  }
  const other = {
    generator: 'msix-lab',
    scenario: meta.scenario,
    ...(meta.seed !== undefined ? { seed: meta.seed } : {}),
    policies,
    units:
      "ts and dur in microseconds: the model's integer nanoseconds / 1000, plus 0.25 ns so that importers that truncate (Perfetto) land on the exact ns",
    ...(notes.length ? { notes } : {}),
  };
  yield `\n],"otherData":${JSON.stringify(other)}}\n`;
}

/** The whole trace as one string. */
export function perfettoTrace(runs: Iterable<ExportRun>, meta: ExportMeta): string {
  let s = '';
  for (const c of perfettoChunks(runs, meta)) s += c;
  return s;
}

/** Every event of one policy's process. */
function* runEvents(run: ExportRun, pid: number, notes: string[]): Generator<Json> {
  const { log } = run;
  const tl = buildTimeline(log, run.tableSize, run.visibleSize, run.endNs);
  const fnOf = explainFnOf(log);
  const tid = (local: number): number => pid * TID_SPAN + local;
  const thread = (local: number, name: string): Json[] => [
    { ph: 'M', name: 'thread_name', pid, tid: tid(local), args: { name } },
    { ph: 'M', name: 'thread_sort_index', pid, tid: tid(local), args: { sort_index: local } },
  ];
  const slice = (local: number, cat: string, name: string, t: number, end: number, args: Json): Json => ({
    ph: 'X',
    cat,
    name,
    pid,
    tid: tid(local),
    ts: us(t),
    dur: us(Math.max(0, Math.round(end) - Math.round(t))),
    args,
  });

  yield {
    ph: 'M',
    name: 'process_name',
    pid,
    args: { name: run.title ? `${run.policy} (${run.title})` : run.policy },
  };
  yield { ph: 'M', name: 'process_sort_index', pid, args: { sort_index: pid } };
  yield* thread(T_HOST, 'host MSI-X Enable');
  yield* thread(T_WINDOWS, 'resize windows (host MSI-X off)');
  yield* thread(T_IOCTL, 'host ioctls');
  yield* thread(T_WARN, 'failures and warnings');

  // Guest driver operations, packed onto as few tracks as keep them disjoint.
  const ops = tl.ops;
  const laneEnd: number[] = [];
  for (let i = 0; i < ops.n; i++) {
    const a = ops.start[i]!,
      b = ops.end[i]!;
    let k = laneEnd.findIndex((e) => e <= a);
    if (k < 0) {
      k = laneEnd.length;
      laneEnd.push(b);
      yield* thread(k === 0 ? T_OPS : T_OPS_MORE + k, k === 0 ? 'guest driver ops' : `guest driver ops (${k + 1})`);
    } else laneEnd[k] = b;
    const code = ops.code[i]!,
      v = ops.vec[i]!;
    const arg = code === GuestOp.LINUX_ALLOC_VECTORS || code === GuestOp.FREEBSD_ALLOC_MSIX ? `(${ops.arg[i]})` : '';
    yield slice(k === 0 ? T_OPS : T_OPS_MORE + k, 'guest', `${GUEST_OP_NAMES[code]}${v >= 0 ? `(${v})` : arg}`, a, b, {
      op: GUEST_OP_NAMES[code],
      ...(v >= 0 ? { vector: v } : {}),
      arg: ops.arg[i],
      row: ops.row[i],
      fn: fnOf(ops.row[i]!),
    });
  }

  yield* hostEnable(tl, (a, b, name, args) => slice(T_HOST, 'host', name, a, b, args));
  const W = tl.windows;
  for (let k = 0; k < W.n; k++) {
    const e = decode(log, W.row[k]!);
    yield slice(T_WINDOWS, 'host', 'resize window: host MSI-X off', W.open[k]!, W.close[k]!, {
      ...('vectors' in e ? { vectors: e.vectors } : {}),
      row: W.row[k],
      fn: fnOf(W.row[k]!),
    });
  }
  const io = tl.ioctls;
  for (let k = 0; k < io.n; k++) {
    const e = decode(log, io.row[k]!);
    yield slice(T_IOCTL, 'host', IOCTL_NAMES[io.code[k]!] ?? 'ioctl', io.t[k]!, io.t[k]!, {
      ...('count' in e ? { count: e.count } : {}),
      ...(e.kind === Ev.IOCTL && e.vec >= 0 ? { start: e.vec } : {}),
      errno: io.err[k],
      row: io.row[k],
      fn: fnOf(io.row[k]!),
    });
  }
  const wn = tl.warnings;
  for (let k = 0; k < wn.n; k++) {
    const row = wn.row[k]!;
    const e = decode(log, row);
    yield slice(T_WARN, 'warning', fillTemplate(declOf(e.kind)!.title, e), wn.t[k]!, wn.t[k]!, {
      side: wn.host[k] ? 'host' : 'guest',
      row,
      fn: fnOf(row),
    });
  }
  // Host IRQ counts as a counter track.
  const g = tl.global;
  for (let k = 0; k < g.n; k++)
    yield {
      ph: 'C',
      name: 'host IRQs',
      pid,
      tid: tid(T_HOST),
      ts: us(g.t[k]!),
      args: { allocated: g.nAlloc[k], requested: g.nReq[k] },
    };

  // Per vector: its raises, its host IRQ, and where held raises ended.
  const R = tl.raises;
  const named = new Uint8Array(tl.size);
  const vecTracks = (v: number): Json[] => {
    if (named[v]) return [];
    named[v] = 1;
    const base = T_VEC + 4 * v;
    return [
      ...thread(base, `v${v} device raises`),
      ...thread(base + 1, `v${v} host IRQ`),
      ...thread(base + 2, `v${v} outcome of held raises`),
    ];
  };
  const H = tl.host;
  for (let v = 0; v < tl.size; v++) {
    const lo = H.start[v]!,
      hi = H.start[v + 1]!;
    let open: { name: string; t: number } | null = null;
    const close = function* (t: number): Generator<Json> {
      if (open && t >= open.t) {
        yield* vecTracks(v);
        yield slice(T_VEC + 4 * v + 1, 'host', open.name, open.t, t, { vector: v });
      }
      open = null;
    };
    for (let j = lo; j < hi; j++) {
      const name = hostIrqName(H.bits[j]!);
      if (open && open.name === name) continue;
      yield* close(H.t[j]!);
      if (name) open = { name, t: H.t[j]! };
    }
    yield* close(tl.endNs);
  }
  let whys = 0,
    lossesWithoutWhy = 0;
  for (let i = 0; i < R.n; i++) {
    const v = R.vec[i]!,
      o = R.outcome[i]!;
    yield* vecTracks(v);
    const base = T_VEC + 4 * v;
    const held = o !== Outcome.DIRECT;
    const endRow = R.endRow[i]!;
    const detail = detailName(o, R.detail[i]!);
    yield {
      ...slice(base, 'raise', `raise #${i}`, R.t[i]!, R.t[i]!, {
        raise: i,
        vector: v,
        stream: R.stream[i],
        outcome: OUTCOME_NAMES[o],
        ...detail,
        row: R.row[i],
        fn: fnOf(held || endRow < 0 ? R.row[i]! : endRow),
      }),
      ...(held ? { bind_id: flowId(pid, i), flow_out: true } : {}),
    };
    if (!held) continue;
    const args: Json = { raise: i, vector: v, outcome: OUTCOME_NAMES[o], ...detail };
    if (endRow >= 0) {
      args.row = endRow;
      args.latency_ns = R.end[i]! - R.t[i]!;
      args.fn = fnOf(endRow);
      if (o === Outcome.LOST) {
        if (whys < MAX_LOSS_SENTENCES) {
          args.why = explainRow(log, endRow).sentence;
          whys++;
        } else lossesWithoutWhy++;
      }
    } else args.note = 'still held when the run ended';
    yield {
      ...slice(base + 2, 'outcome', `${END_NAME[o] ?? 'ended'} #${i}`, R.end[i]!, R.end[i]!, args),
      bind_id: flowId(pid, i),
      flow_in: true,
    };
  }
  if (lossesWithoutWhy)
    notes.push(
      `${run.policy}: the first ${MAX_LOSS_SENTENCES} losses carry their explanation ("why"); ${lossesWithoutWhy} more name the function only`,
    );
}

const END_NAME: Record<number, string> = {
  [Outcome.LATE]: 'delivered late',
  [Outcome.COALESCED]: 'coalesced',
  [Outcome.LOST]: 'LOST',
  [Outcome.PENDING]: 'held at end',
};

/** The outcome's detail code in words (Timeline.raises.detail: a Path, a Place or a Loss). */
function detailName(o: number, d: number): Json {
  if (o === Outcome.DIRECT || o === Outcome.LATE) return { path: PATH_NAMES[d] ?? d };
  if (o === Outcome.LOST) return { loss: LOSS_NAMES[d] ?? d };
  return d ? { place: PLACE_NAMES[d] ?? d } : {};
}

/** What a vector's host IRQ is doing, from its timeline bits ('' when it has none). */
function hostIrqName(bits: number): string {
  if (bits & HBit.REQ_IRQFD) return 'requested → KVM irqfd';
  if (bits & HBit.REQ_USER) return 'requested → QEMU eventfd';
  if (bits & HBit.REQ_KVM) return 'requested → KVM assigned';
  if (bits & HBit.ALLOC) return 'allocated, masked in hardware';
  return '';
}

/** The host's MSI-X state as slices: on, or off while the guest has it on (off on both sides: nothing). */
function* hostEnable(tl: Timeline, slice: (a: number, b: number, name: string, args: Json) => Json): Generator<Json> {
  const g = tl.global;
  let cur = '',
    from = 0;
  for (let k = 0; k <= g.n; k++) {
    const t = k < g.n ? g.t[k]! : tl.endNs;
    const name =
      k === g.n ? '' : g.hostEnable[k] ? 'host MSI-X on' : g.guestEnable[k] ? 'host MSI-X off, guest on' : '';
    if (k < g.n && name === cur) continue;
    if (cur && t >= from) yield slice(from, t, cur, {});
    cur = name;
    from = t;
  }
}
