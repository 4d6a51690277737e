/**
 * The one error the link codec throws. Every failure of `decodeLink`/`encodeLink` is a LinkError
 * with a one-line message saying what is wrong and a `code` a caller can branch on; nothing else
 * escapes (the property tests in fuzz.test.ts hold the codec to that).
 */
export type LinkErrorCode =
  | 'not-a-link' // no "v<N>." prefix
  | 'unknown-version' // a version this build does not read (newer, or never existed)
  | 'too-long' // more characters than any link this build writes
  | 'bad-characters' // outside base64url
  | 'checksum' // the checksum does not match the text (a damaged or edited link)
  | 'corrupt' // does not decompress
  | 'too-large' // decompresses beyond the cap (a deflate bomb or an oversized scenario)
  | 'too-deep' // JSON nesting beyond the cap
  | 'json' // not JSON
  | 'shape' // a field is missing or has the wrong type
  | 'duplicate-policy'
  | 'unknown-preset';

export class LinkError extends Error {
  override name = 'LinkError';
  constructor(
    readonly code: LinkErrorCode,
    message: string,
  ) {
    super(message);
  }
}
