/**
 * Share links live in the core (src/core/share) so that the CLI reads and writes the same links
 * as the page. These names remain for older callers (scripts, tests); new code imports the core.
 */
export {
  encodeLink as encodeShare,
  decodeLink as decodeShare,
  LinkError,
  type LinkState as SharedState,
  type LinkView as SharedView,
} from '../../core/share/index.ts';
