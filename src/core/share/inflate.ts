import { Inflate } from 'fflate';
import { LinkError } from './errors.ts';

/** Compressed bytes fed to the inflater per step: one step emits at most ~1 MB (deflate's 1032:1). */
const CHUNK = 1024;

/**
 * Inflates raw DEFLATE data, refusing output beyond `cap` bytes. fflate's streaming Inflate is
 * fed CHUNK bytes at a time and the output is counted after each push, so a deflate bomb stops
 * after about cap + 1 MB of work instead of inflating gigabytes first.
 */
export function inflateCapped(data: Uint8Array, cap: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inf = new Inflate((chunk, final) => {
    parts.push(chunk);
    total += chunk.length;
    if (final) done = true;
  });
  try {
    for (let i = 0; i < data.length && !done; i += CHUNK) {
      inf.push(data.subarray(i, Math.min(data.length, i + CHUNK)), i + CHUNK >= data.length);
      if (total > cap)
        throw new LinkError(
          'too-large',
          `the link's data grows beyond ${Math.round(cap / 1024 / 1024)} MB when decompressed: it is not a link msix-lab writes (share a big scenario as a file)`,
        );
    }
    if (data.length === 0) inf.push(data, true);
  } catch (e) {
    if (e instanceof LinkError) throw e;
    throw new LinkError('corrupt', 'the link is damaged: its data does not decompress (was it cut off when pasted?)');
  }
  if (!done)
    throw new LinkError('corrupt', 'the link is damaged: its data does not decompress (was it cut off when pasted?)');
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
