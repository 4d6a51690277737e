import { useCallback, useRef, useState } from 'react';
import { useApp } from '../../state/store.ts';
import { currentShare } from '../../sim/runner.ts';
import {
  encodeLink,
  LinkError,
  linkSizeAdvice,
  MAX_NOTE_CHARS,
  type LinkSizeAdvice,
} from '../../../core/share/index.ts';
import { publicLinkUrl } from '../../share/publicUrl.ts';
import { downloadScenario } from './download.ts';
import { usePopover } from './popover.ts';

/**
 * "Share link" (copies a link to this moment: cursor, zoom, selection) and, beside it, ✎: the
 * sender's note the link carries, typed in a small box under the button (Enter copies the link).
 * A link too long for mail gets a note saying so (past 8000 characters, with a scenario download).
 */
export function ShareControls() {
  const [copied, setCopied] = useState(false);
  const [advice, setAdvice] = useState<LinkSizeAdvice | null>(null);
  // The sender's note: carried by the link, shown to whoever opens it. Kept while the box is shut.
  const [note, setNote] = useState('');
  const [noteOpen, setNoteOpen] = useState(false);
  const noteButton = useRef<HTMLButtonElement>(null);
  const noteBox = useRef<HTMLDivElement>(null);
  const closeNote = useCallback(() => setNoteOpen(false), []);
  usePopover(noteOpen, closeNote, noteButton, noteBox);

  const share = async (): Promise<void> => {
    let frag: string;
    try {
      frag = encodeLink({ ...currentShare(true), ...(note.trim() ? { note: note.trim() } : {}) });
    } catch (e) {
      const m = e instanceof LinkError ? e.message : String(e);
      useApp.getState().shareFailed({ message: m, path: /note/.test(m) ? 'note' : 'policies' });
      return;
    }
    history.replaceState(null, '', '#' + frag);
    // The public address when the build knows it (VITE_PUBLIC_URL), else this page's.
    const url = publicLinkUrl(frag);
    const a = linkSizeAdvice(url.length);
    setAdvice(a.level === 'ok' ? null : a);
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      prompt('Copy this link', url);
    }
  };
  return (
    <div className="share-controls">
      <button
        className="btn"
        onClick={() => void share()}
        title="Copy a link to this comparison at this moment (cursor, zoom and selected event included)"
        data-testid="share"
      >
        {copied ? (
          'Link copied ✓'
        ) : (
          <>
            Share<span className="wide-only"> link</span>
          </>
        )}
      </button>
      <button
        ref={noteButton}
        className={note.trim() ? 'btn has-note' : 'btn'}
        aria-expanded={noteOpen}
        aria-controls="share-note-box"
        aria-label={note.trim() ? 'the note the link carries (one written)' : 'add a note to the link'}
        title="A note the link carries, shown to whoever opens it"
        onClick={() => setNoteOpen(!noteOpen)}
        data-testid="share-note-toggle"
      >
        ✎
      </button>
      {noteOpen && (
        <div className="popover share-note-box" id="share-note-box" ref={noteBox}>
          <label htmlFor="share-note">A note for whoever opens the link (optional)</label>
          <input
            id="share-note"
            className="btn share-note"
            type="text"
            value={note}
            maxLength={MAX_NOTE_CHARS}
            autoFocus
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void share();
            }}
            placeholder="e.g. vector 3 is lost here"
            data-testid="share-note"
          />
          <span className="menu-hint">Enter copies the link with the note.</span>
        </div>
      )}
      {advice && advice.level !== 'ok' && (
        <span role="status" className="share-advice" data-testid="share-advice">
          {advice.message}
          {advice.level === 'file' && (
            <button className="btn" onClick={downloadScenario}>
              Download scenario.json
            </button>
          )}
          <button className="btn" aria-label="dismiss the link length note" onClick={() => setAdvice(null)}>
            ×
          </button>
        </span>
      )}
    </div>
  );
}
