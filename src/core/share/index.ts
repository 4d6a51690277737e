/**
 * Share links, for the page and the CLI alike: the codec (versions, migrations, checksum,
 * limits) and the stable event keys a link's selection uses. Pure: no DOM, no Node.
 */
export {
  decodeLink,
  encodeLink,
  linkUrl,
  linkFragment,
  matchPreset,
  DEFAULT_LINK_BASE,
  type DecodedLink,
  type LinkState,
  type LinkView,
  type LinkSelection,
  type LinkWhatIf,
} from './codec.ts';
export { LinkError, type LinkErrorCode } from './errors.ts';
export { rowToKey, keyToRow, isRaiseKey, type EventKey, type RaiseKey, type RowKey } from './event-key.ts';
export {
  linkSizeAdvice,
  LINK_WARN_CHARS,
  LINK_FILE_CHARS,
  MAX_LINK_CHARS,
  MAX_INFLATED_BYTES,
  MAX_JSON_DEPTH,
  MAX_NOTE_CHARS,
  MAX_LINK_POLICIES,
  type LinkSizeAdvice,
} from './limits.ts';
export { CURRENT_VERSION } from './payload.ts';
