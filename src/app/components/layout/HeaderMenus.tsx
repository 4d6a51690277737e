import { openBuilderFromScreen } from '../../state/builder.ts';
import { useApp, type Theme } from '../../state/store.ts';
import { useImport } from '../../state/import.ts';
import { useLayout } from '../../state/layoutPrefs.ts';
import { openSweep } from '../../state/panels.ts';
import { downloadScenario } from './download.ts';
import { MenuButton, MenuCheck, MenuGroup, MenuItem, MenuRadio, MenuSeparator } from './MenuButton.tsx';

/** What to do with the scenario on screen: edit it (JSON or the form), replace it, save it, sweep it. */
export function ScenarioMenu() {
  return (
    <MenuButton
      label="Scenario ▾"
      menuLabel="scenario"
      testid="scenario-menu"
      title="Edit, build, import, download or sweep the scenario"
    >
      <MenuItem onSelect={() => useApp.getState().openEditor()} testid="edit-json" keyHint="E">
        Edit JSON
      </MenuItem>
      <MenuItem
        onSelect={() => openBuilderFromScreen()}
        testid="open-builder"
        hint="A form, and steps added at the cursor"
      >
        Builder
      </MenuItem>
      <MenuItem
        onSelect={() => useImport.getState().openImport()}
        testid="open-import"
        hint="lspci -vv, a QEMU vfio trace, or a file (or drop one on the page)"
      >
        Import…
      </MenuItem>
      <MenuItem onSelect={downloadScenario} testid="download-scenario">
        Download JSON
      </MenuItem>
      <MenuSeparator />
      <MenuItem
        onSelect={() => void openSweep()}
        testid="open-sweep"
        hint="Many randomised trials: loss rates per resize, with intervals"
      >
        Sweep…
      </MenuItem>
    </MenuButton>
  );
}

const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

/** Settings: the theme, and the single-key shortcuts (WCAG 2.1.4: they can be turned off). */
export function SettingsMenu() {
  const theme = useApp((s) => s.theme);
  const shortcuts = useLayout((s) => s.shortcuts);
  return (
    <MenuButton
      label="⚙"
      ariaLabel="settings"
      menuLabel="settings"
      testid="settings-menu"
      title="Settings: theme, shortcuts"
    >
      <MenuGroup label="theme">
        {THEMES.map((t) => (
          <MenuRadio key={t} checked={theme === t} onSelect={() => useApp.getState().setTheme(t)} testid={`theme-${t}`}>
            {t}
          </MenuRadio>
        ))}
      </MenuGroup>
      <MenuSeparator />
      <MenuCheck
        checked={shortcuts}
        onSelect={() => useLayout.getState().setShortcuts(!shortcuts)}
        testid="shortcuts-menu-toggle"
        hint="Letters, digits, punctuation. Space, arrows, Home/End and Esc always work."
      >
        Single-key shortcuts
      </MenuCheck>
    </MenuButton>
  );
}
