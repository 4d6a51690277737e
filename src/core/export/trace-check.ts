/**
 * A structural check of a Chrome trace-event JSON file against the format's rules (the "Trace
 * Event Format" document) and what Perfetto's JSON importer needs to show it whole. Used by the
 * unit tests and the Playwright export test; returns the problems found (empty: valid).
 *
 * - the JSON Object Format: an object with a `traceEvents` array; `displayTimeUnit` "ms" or "ns";
 * - every event has a phase and a numeric pid; every non-metadata event a name, a tid and a
 *   finite `ts` >= 0;
 * - `X` events have `dur` >= 0; `B`/`E` pair up as a stack on their (pid, tid) track;
 * - on one track, complete slices are nested or disjoint (Perfetto drops a slice that partially
 *   overlaps another: slice_tracker.cc MaybeCloseStack);
 * - flows: each `bind_id` has exactly one `flow_out` and one `flow_in` event, on slices (`X`/`B`),
 *   the out no later than the in; v1 flows (`s`/`f`) pair by id, the `f` with `bp: "e"`;
 * - every pid is named by a `process_name` metadata event and every (pid, tid) by a
 *   `thread_name` one; a tid belongs to one pid only.
 */
export interface TraceSummary {
  events: number;
  slices: number;
  flows: number;
  processes: string[];
  threads: number;
}

type Ev = Record<string, unknown>;

export function checkTrace(text: string): { problems: string[]; summary: TraceSummary } {
  const problems: string[] = [];
  const summary: TraceSummary = { events: 0, slices: 0, flows: 0, processes: [], threads: 0 };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { problems: [`not JSON: ${(e as Error).message}`], summary };
  }
  if (!doc || typeof doc !== 'object' || !Array.isArray((doc as Ev).traceEvents))
    return { problems: ['no traceEvents array'], summary };
  const unit = (doc as Ev).displayTimeUnit;
  if (unit !== undefined && unit !== 'ms' && unit !== 'ns') problems.push(`displayTimeUnit ${String(unit)}`);
  const events = (doc as { traceEvents: Ev[] }).traceEvents;
  summary.events = events.length;
  const pname = new Map<number, string>();
  const tname = new Set<string>();
  const used = new Set<string>();
  const tidPid = new Map<number, number>();
  const stacks = new Map<string, string[]>();
  const slicesByTrack = new Map<string, [number, number, string][]>();
  const flowOut = new Map<number, number[]>();
  const flowIn = new Map<number, number[]>();
  const v1 = new Map<string, { s: number; f: number }>();
  const bad = (i: number, what: string): void => {
    if (problems.length < 50) problems.push(`event ${i}: ${what}`);
  };
  events.forEach((e, i) => {
    const ph = e.ph,
      pid = e.pid,
      tid = e.tid;
    if (typeof ph !== 'string') return bad(i, 'no ph');
    if (typeof pid !== 'number') return bad(i, 'no numeric pid');
    if (ph === 'M') {
      const name = (e.args as Ev | undefined)?.name;
      if (e.name === 'process_name' && typeof name === 'string') pname.set(pid, name);
      if (e.name === 'thread_name' && typeof name === 'string') tname.add(`${pid}/${String(tid)}`);
      return;
    }
    if (typeof e.name !== 'string') return bad(i, 'no name');
    if (typeof tid !== 'number') return bad(i, 'no numeric tid');
    const ts = e.ts;
    if (typeof ts !== 'number' || !Number.isFinite(ts) || ts < 0) return bad(i, `bad ts ${String(ts)}`);
    const track = `${pid}/${tid}`;
    used.add(track);
    const owner = tidPid.get(tid);
    if (owner !== undefined && owner !== pid) bad(i, `tid ${tid} used by pids ${owner} and ${pid}`);
    tidPid.set(tid, pid);
    const ns = Math.round(ts * 1000);
    if (ph === 'X') {
      const dur = e.dur;
      if (typeof dur !== 'number' || !(dur >= 0)) return bad(i, `X without dur >= 0`);
      summary.slices++;
      const list = slicesByTrack.get(track) ?? [];
      list.push([ns, ns + Math.round(dur * 1000), e.name]);
      slicesByTrack.set(track, list);
    } else if (ph === 'B') {
      const s = stacks.get(track) ?? [];
      s.push(e.name);
      stacks.set(track, s);
      summary.slices++;
    } else if (ph === 'E') {
      const s = stacks.get(track);
      if (!s?.length) bad(i, `E without B on ${track}`);
      else s.pop();
    } else if (ph === 's' || ph === 'f') {
      const key = `${String(e.cat)}|${e.name}|${String(e.id)}`;
      const p = v1.get(key) ?? { s: 0, f: 0 };
      p[ph]++;
      v1.set(key, p);
      if (ph === 'f' && e.bp !== 'e') bad(i, 'flow end without bp "e"');
    } else if (!['i', 'I', 'C', 'n', 'b', 'e'].includes(ph)) bad(i, `unknown phase ${ph}`);
    if (e.bind_id !== undefined) {
      if (ph !== 'X' && ph !== 'B') bad(i, 'bind_id on an event that is not a slice');
      const id = Number(e.bind_id);
      if (e.flow_out) flowOut.set(id, [...(flowOut.get(id) ?? []), ns]);
      if (e.flow_in) flowIn.set(id, [...(flowIn.get(id) ?? []), ns]);
      if (!e.flow_out && !e.flow_in) bad(i, 'bind_id without flow_in or flow_out');
    }
  });
  for (const [track, s] of stacks) if (s.length) problems.push(`${track}: ${s.length} B without E`);
  for (const [track, list] of slicesByTrack) {
    list.sort((p, q) => p[0] - q[0] || q[1] - p[1]);
    const open: [number, number, string][] = [];
    for (const sl of list) {
      // Perfetto's rule: a slice ends before one that starts at or after its end, except that
      // instants at the same time stack.
      for (let top = open.at(-1); top; top = open.at(-1)) {
        const stacks = top[1] === sl[0] && top[0] === top[1] && sl[0] === sl[1];
        if (top[1] > sl[0] || stacks) break;
        open.pop();
      }
      const top = open[open.length - 1];
      if (top && sl[1] > top[1]) {
        problems.push(
          `${track}: "${sl[2]}" [${sl[0]}, ${sl[1]}) partially overlaps "${top[2]}" [${top[0]}, ${top[1]})`,
        );
        break;
      }
      open.push(sl);
    }
  }
  for (const [id, outs] of flowOut) {
    const ins = flowIn.get(id) ?? [];
    if (outs.length !== 1 || ins.length !== 1) problems.push(`flow ${id}: ${outs.length} out, ${ins.length} in`);
    else if (outs[0]! > ins[0]!) problems.push(`flow ${id} goes back in time`);
    summary.flows++;
  }
  for (const id of flowIn.keys()) if (!flowOut.has(id)) problems.push(`flow ${id}: in without out`);
  for (const [key, p] of v1) if (p.s !== 1 || p.f !== 1) problems.push(`v1 flow ${key}: ${p.s} s, ${p.f} f`);
  for (const track of used) {
    const pid = Number(track.split('/')[0]);
    if (!pname.has(pid)) problems.push(`pid ${pid} has no process_name`);
    if (!tname.has(track)) problems.push(`track ${track} has no thread_name`);
  }
  summary.processes = [...pname.values()];
  summary.threads = tname.size;
  return { problems: [...new Set(problems)], summary };
}
