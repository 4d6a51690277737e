import type { ImportRequest, ImportResponse } from '../../worker/protocol.ts';
import { sim } from './client.ts';

/** Longest wait for the Worker's answer: it may first finish a run that is in flight. */
const IMPORT_TIMEOUT_MS = 20_000;

/**
 * Parses an import in the Worker (never on the main thread: a multi-MB trace takes longer than a
 * frame). It does not cancel a run in flight (the Worker answers after it); a Worker that does not
 * answer in time gives a message instead of a hang.
 */
export function parseImport(req: ImportRequest): Promise<ImportResponse> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<ImportResponse>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          message: `the simulation Worker did not answer within ${IMPORT_TIMEOUT_MS / 1000} s (busy with a long run?); try again`,
        }),
      IMPORT_TIMEOUT_MS,
    );
  });
  const call = sim()
    .importText(req)
    .catch((e: unknown): ImportResponse => ({ ok: false, message: `the Worker failed: ${String(e).slice(0, 120)}` }));
  return Promise.race([call, late]).finally(() => clearTimeout(timer));
}
