import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { usePopover } from './popover.ts';

const ITEMS = '[role="menuitem"],[role="menuitemradio"],[role="menuitemcheckbox"]';

function items(menu: HTMLElement | null): HTMLElement[] {
  return menu ? [...menu.querySelectorAll<HTMLElement>(ITEMS)].filter((e) => !e.hasAttribute('disabled')) : [];
}

export interface MenuButtonProps {
  /** The button's visible text. */
  label: ReactNode;
  /** The menu's accessible name (tests find it as `getByRole('menu', { name })`). */
  menuLabel: string;
  testid?: string;
  title?: string;
  /** An accessible name when the label is a symbol (⚙). */
  ariaLabel?: string;
  className?: string;
  /** Called on every opening (to start loading what the menu lists). */
  onOpen?: () => void;
  /** The items: MenuItem, MenuRadio, MenuCheck, MenuSeparator, or elements with those roles. */
  children: ReactNode;
}

/**
 * The header's menus, one accessible implementation (the WAI-ARIA menu button pattern): Enter,
 * Space or ↓ opens on the first item (↑ on the last), ↑ ↓ Home End move, Escape closes and gives
 * the focus back to the button, Tab closes and moves on, a press outside closes (touch too).
 * Choosing a command closes the menu; radio and checkbox items keep it open (a setting changed,
 * the next one may follow). Keys inside the menu never reach the page's shortcuts.
 */
export function MenuButton({
  label,
  menuLabel,
  testid,
  title,
  ariaLabel,
  className,
  onOpen,
  children,
}: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  // Which item takes the focus when the menu appears: the first (Enter, Space, ↓, a click) or the last (↑).
  const [focusAt, setFocusAt] = useState<'first' | 'last'>('first');
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const id = useId();
  const close = useCallback(() => setOpen(false), []);
  usePopover(open, close, button, menu);

  useEffect(() => {
    if (!open) return;
    const list = items(menu.current);
    (focusAt === 'last' ? list[list.length - 1] : list[0])?.focus();
  }, [open, focusAt]);

  const show = (at: 'first' | 'last'): void => {
    setFocusAt(at);
    setOpen(true);
    onOpen?.();
  };

  const onButtonKey = (e: KeyboardEvent): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      e.stopPropagation();
      show(e.key === 'ArrowUp' ? 'last' : 'first');
    }
  };

  const onMenuKey = (e: KeyboardEvent): void => {
    if (e.key === 'Tab') {
      setOpen(false);
      return;
    }
    // The page's single-key shortcuts and arrows must not act while a menu has the focus.
    e.stopPropagation();
    const list = items(menu.current);
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (i: number): void => {
      e.preventDefault();
      list[(i + list.length) % list.length]?.focus();
    };
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(list.length - 1);
  };

  const onMenuClick = (e: MouseEvent): void => {
    const item = (e.target as HTMLElement).closest<HTMLElement>(ITEMS);
    if (!item || item.hasAttribute('disabled') || item.getAttribute('role') !== 'menuitem') return;
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className={`menu-button ${className ?? ''}`}>
      <button
        ref={button}
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        aria-label={ariaLabel}
        title={title}
        data-testid={testid}
        onClick={() => (open ? setOpen(false) : show('first'))}
        onKeyDown={onButtonKey}
      >
        {label}
      </button>
      {open && (
        <div
          ref={menu}
          id={`${id}-menu`}
          className="menu-pop"
          role="menu"
          aria-label={menuLabel}
          onKeyDown={onMenuKey}
          onClick={onMenuClick}
        >
          {children}
        </div>
      )}
    </div>
  );
}

interface ItemProps {
  onSelect: () => void;
  children: ReactNode;
  testid?: string;
  title?: string;
  disabled?: boolean;
  /** A second, muted line under the label. */
  hint?: ReactNode;
  /** Shown at the right, e.g. the item's key. */
  keyHint?: string;
}

/** A command. The menu closes after it runs and the focus goes back to the menu's button. */
export function MenuItem({ onSelect, children, testid, title, disabled, hint, keyHint }: ItemProps) {
  return (
    <button
      role="menuitem"
      tabIndex={-1}
      className="menu-item"
      data-testid={testid}
      title={title}
      disabled={disabled}
      aria-keyshortcuts={keyHint}
      onClick={onSelect}
    >
      <span className="menu-label">
        {children}
        {keyHint && (
          <kbd className="menu-key" aria-hidden="true">
            {keyHint}
          </kbd>
        )}
      </span>
      {hint && <span className="menu-hint">{hint}</span>}
    </button>
  );
}

/** A menu item with a checked state: a radio (●) or a check box (✓). Choosing keeps the menu open. */
function StateItem({
  onSelect,
  children,
  testid,
  checked,
  hint,
  role,
}: ItemProps & { checked: boolean; role: 'menuitemradio' | 'menuitemcheckbox' }) {
  return (
    <button
      role={role}
      aria-checked={checked}
      tabIndex={-1}
      className="menu-item"
      data-testid={testid}
      onClick={onSelect}
    >
      <span className="menu-label">
        <span className="menu-mark" aria-hidden="true">
          {checked ? (role === 'menuitemradio' ? '●' : '✓') : ''}
        </span>
        {children}
      </span>
      {hint && <span className="menu-hint">{hint}</span>}
    </button>
  );
}

/** One choice of several (the theme): checked shows ●; choosing keeps the menu open. */
export function MenuRadio(props: ItemProps & { checked: boolean }) {
  return <StateItem {...props} role="menuitemradio" />;
}

/** An on/off setting: checked shows ✓; toggling keeps the menu open. */
export function MenuCheck(props: ItemProps & { checked: boolean }) {
  return <StateItem {...props} role="menuitemcheckbox" />;
}

export function MenuSeparator() {
  return <div role="separator" className="menu-sep" />;
}

/** A labelled run of items (the theme's radios, the lessons). */
export function MenuGroup({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="group" aria-label={label} className="menu-group">
      <div className="menu-group-label" aria-hidden="true">
        {label}
      </div>
      {children}
    </div>
  );
}
