import { CODE_TABLES, decode, declOf, type LogColumns } from '../core/index.ts';

/**
 * `--format events`: one JSON object per log row (JSON Lines), with the kind's named fields from
 * the event schema (engine/schema.ts): seq, t, kind (its name), cause, then each field, a code
 * field as its code table's name ("loss": "resize-window"), every other field as its number.
 */
export function eventLines(policy: string, log: LogColumns): string {
  const out: string[] = [];
  for (let i = 0; i < log.length; i++) {
    const e = decode(log, i) as unknown as Record<string, number>;
    const d = declOf(e.kind!)!;
    const o: Record<string, string | number> = { policy, seq: i, t: e.t!, kind: d.name, cause: e.cause! };
    for (const [name, f] of Object.entries(d.fields))
      o[name] = f.table ? (CODE_TABLES[f.table].names[e[name]!] ?? e[name]!) : e[name]!;
    out.push(JSON.stringify(o));
  }
  return out.join('\n');
}
