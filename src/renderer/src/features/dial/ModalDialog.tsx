import {
  useEffect,
  useLayoutEffect,
  useRef,
  type KeyboardEvent,
  type ReactElement,
  type ReactNode,
  type RefObject,
} from 'react';

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)];
}

/**
 * A modal dialog: labelled, focus moved in on open and kept inside (Tab cycles, focus that
 * wanders out is brought back), Esc closes, focus returns where it was on close. Keys it
 * handles are marked handled, so the phone's own Enter/Esc shortcuts never act on them too.
 */
export function ModalDialog({
  labelledBy,
  describedBy,
  onEscape,
  initialFocus,
  className,
  testId,
  children,
}: {
  labelledBy: string;
  describedBy?: string;
  onEscape: () => void;
  /** The element to focus on open (the primary action, the search field); else the first focusable. */
  initialFocus?: RefObject<HTMLElement | null>;
  className?: string;
  testId?: string;
  children: ReactNode;
}): ReactElement {
  const dialogRef = useRef<HTMLDivElement>(null);
  const previousFocus = useRef<HTMLElement | null>(null);

  // Before paint: a key pressed the moment the dialog shows must land in it.
  useLayoutEffect(() => {
    previousFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = dialogRef.current;
    const target = initialFocus?.current ?? (dialog ? focusables(dialog)[0] : undefined) ?? dialog;
    target?.focus();
    // Once per opening: the initial focus target is read when the dialog appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // After every change of the content (a button replaced as the state moves on): focus stays in.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog || dialog.contains(document.activeElement)) return;
    (initialFocus?.current ?? focusables(dialog)[0] ?? dialog).focus();
  });

  useEffect(() => {
    const keepInside = (event: FocusEvent): void => {
      const dialog = dialogRef.current;
      if (!dialog || !(event.target instanceof Node) || dialog.contains(event.target)) return;
      (focusables(dialog)[0] ?? dialog).focus();
    };
    document.addEventListener('focusin', keepInside);
    return () => {
      // Stop holding focus first, then give it back where it was before the dialog opened.
      document.removeEventListener('focusin', keepInside);
      const previous = previousFocus.current;
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onEscape();
      return;
    }
    if (event.key !== 'Tab') return;
    const dialog = dialogRef.current;
    if (!dialog) return;
    const items = focusables(dialog);
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="dial-backdrop">
      <div
        ref={dialogRef}
        className={`dial-dialog${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        tabIndex={-1}
        data-testid={testId}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>
  );
}
