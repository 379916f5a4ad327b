/**
 * The chat launcher: a link to the help home in the server's HTML (so it
 * leads somewhere without JavaScript), a real <button> once the island runs
 * (Space and Enter open it, screen readers announce a button). Its name stays
 * exactly the launcher text; the unread badge and the reply preview sit
 * beside it, in a status region, not inside the name.
 */
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

interface Props {
  label: string;
  /** Said beside the link while the chat's code is on its way after a press (a slow connection): "The chat is loading…". */
  arriving: string;
  /** Said instead when it could not come, the browser offline: the press is not followed to an error page. */
  cannotArrive: string;
  homeUrl: string;
  open: boolean;
  onToggle: () => void;
  buttonRef: RefObject<HTMLButtonElement | null>;
  /** Unread replies from the team (0: no badge). */
  unread: number;
  /** "1 new reply", read out with the preview. */
  unreadLabel: string;
  /** The newest unread reply, shortened, with its author. */
  preview: string;
}

/** Id shared by the link and the button, so a click held back before hydration is replayed on whichever is there (site/directives/interaction.ts; site/chat/open-chat.ts presses it). */
export const LAUNCHER_ID = 'chat-launcher';

export function Launcher({ label, arriving, cannotArrive, homeUrl, open, onToggle, buttonRef, unread, unreadLabel, preview }: Props) {
  const [scripted, setScripted] = useState(false);
  const linkRef = useRef<HTMLAnchorElement>(null);
  const hadFocus = useRef(false);

  useEffect(() => {
    // The server rendered a link; hydration must first match it, then it becomes a button.
    hadFocus.current = document.activeElement === linkRef.current;
    setScripted(true);
  }, []);
  useLayoutEffect(() => {
    // Swapping the element must not drop the keyboard user's focus.
    if (scripted && hadFocus.current) buttonRef.current?.focus();
  }, [scripted]);

  const notice = unread > 0 && !open;
  return (
    <div className="chat-launch">
      {/* Until the code runs, the press is answered by site/directives/interaction.ts, which writes one of these in here. */}
      {!scripted && <p className="chat-notice" role="status" data-loading={arriving} data-offline={cannotArrive} />}
      {notice && (
        <p className="chat-notice" id="chat-notice">
          <strong>{unreadLabel}</strong> {preview}
        </p>
      )}
      {scripted ? (
        <button
          ref={buttonRef}
          id={LAUNCHER_ID}
          type="button"
          className="chat-launcher"
          aria-haspopup="dialog"
          aria-expanded={open}
          aria-describedby={notice ? 'chat-notice' : undefined}
          onClick={onToggle}
        >
          {label}
        </button>
      ) : (
        <a
          ref={linkRef}
          id={LAUNCHER_ID}
          data-launcher=""
          className="chat-launcher"
          href={homeUrl}
          onClick={(event) => {
            event.preventDefault();
            onToggle();
          }}
        >
          {label}
        </a>
      )}
      {notice && (
        <span className="chat-badge" aria-hidden="true">
          {unread}
        </span>
      )}
      {/* Announced once per change; empty while there is nothing new. */}
      <p className="sr-only" role="status">
        {notice ? `${unreadLabel}: ${preview}` : ''}
      </p>
    </div>
  );
}
