/**
 * A modal question before an action that affects someone else (taking a
 * ticket over from a colleague, solving a ticket from the keyboard): a
 * native <dialog> opened with showModal, so focus stays inside, the rest of
 * the page is inert and Escape cancels. The confirm button is disabled while
 * the action runs, so a double click does it once. Closed, it gives focus
 * back to what had it before (the button that asked, the ticket).
 */
import { useEffect, useId, useRef, useState } from 'react';

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** The action; the dialog closes when it settles. */
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      // React has taken the dialog off the page by now, so it cannot give focus back itself: it fell to the page, and the
      // next Tab started over at the top. The agent goes on where they were (the button that asked, the ticket).
      if (before instanceof HTMLElement && before.isConnected && !before.closest('dialog')) before.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <p id={bodyId}>{children}</p>
      <div className="confirm-actions">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            onConfirm().finally(onClose);
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" disabled={busy} onClick={onClose}>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
