import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './styles.css';
import { installTestHooks } from './testHooks.ts';
import { installTheme } from './theme.ts';
import { installKeyboard } from './keyboard.ts';
import { boot, installHashChange } from './boot.ts';
import { installOverlaySync } from './state/store.ts';
import { isEmbed } from './embed.ts';
import { EmbedApp } from './components/embed/EmbedApp.tsx';
import { installPersistence } from './state/persist.ts';
import { installUndo, useUndo } from './state/undo.ts';
import { installDraftGuard } from './state/draft.ts';
import { redrawAll, redrawOverlay } from './render/raf.ts';
import { installSelectRelease } from './a11y/selectFocus.ts';
import { installAnnouncer } from './a11y/announcer.ts';
import { installPresentSync, useLayout } from './state/layoutPrefs.ts';
import { PRESENT_LABEL_SCALE, setLabelScale } from './render/textScale.ts';

installTheme();
installKeyboard();
installTestHooks();
installOverlaySync(redrawOverlay);
// Issue 9 (layout): dropdowns release focus after a choice, steps and playback are announced,
// presentation mode scales the canvas labels and redraws.
installSelectRelease();
installAnnouncer();
installPresentSync(() => {
  setLabelScale(useLayout.getState().present ? PRESENT_LABEL_SCALE : 1);
  redrawAll();
});
// An embed neither restores nor saves the session: it shows what its address says, and must not
// overwrite the session of the full page in the same browser.
const embed = isEmbed();
if (!embed) {
  installPersistence((msg) => useUndo.getState().noticeShown(msg));
  installUndo();
  installDraftGuard();
}
createRoot(document.getElementById('root')!).render(<StrictMode>{embed ? <EmbedApp /> : <App />}</StrictMode>);
void boot({ restore: !embed }).then(installHashChange);
