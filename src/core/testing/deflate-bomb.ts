/**
 * A hand-made DEFLATE bomb for the link codec's tests: one fixed-Huffman block (RFC 1951
 * §3.2.6) holding a literal 0 and then `(length 258, distance 1)` copies, 13 bits per 258
 * zero bytes. Building it is a loop over bits (milliseconds), where deflating the same
 * output with a real compressor would take seconds.
 */
export function deflateBomb(outputBytes: number): Uint8Array {
  const copies = Math.ceil(Math.max(0, outputBytes - 1) / 258);
  const out = new Uint8Array(Math.ceil((3 + 8 + copies * 13 + 7) / 8) + 1);
  let bit = 0;
  const put = (b: number): void => {
    if (b) out[bit >> 3]! |= 1 << (bit & 7);
    bit++;
  };
  // Header fields are written least significant bit first; Huffman codes most significant first.
  const field = (v: number, n: number): void => {
    for (let i = 0; i < n; i++) put((v >> i) & 1);
  };
  const code = (c: number, n: number): void => {
    for (let i = n - 1; i >= 0; i--) put((c >> i) & 1);
  };
  field(1, 1); // BFINAL
  field(1, 2); // BTYPE = 01, fixed Huffman
  code(0x30, 8); // literal 0
  for (let i = 0; i < copies; i++) {
    code(0xc5, 8); // length symbol 285 = 258 bytes, no extra bits
    code(0, 5); // distance symbol 0 = distance 1
  }
  code(0, 7); // end of block (256)
  return out.subarray(0, (bit + 7) >> 3);
}
