import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './styles.css';
import { installTestHooks } from './testHooks.ts';
import { installTheme } from './theme.ts';
import { installKeyboard } from './keyboard.ts';
import { boot, installHashChange } from './boot.ts';
import { installOverlaySync } from './state/store.ts';
import { redrawOverlay } from './render/raf.ts';

installTheme();
installKeyboard();
installTestHooks();
installOverlaySync(redrawOverlay);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
void boot().then(installHashChange);
