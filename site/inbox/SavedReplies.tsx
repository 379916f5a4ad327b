/**
 * The saved-replies screen (/agent/saved-replies/): the saved replies per
 * language, the placeholders explained, and for admins a form to add one,
 * edit and delete (after a confirmation naming it). Agents who are not
 * admins see the lists only. Nothing typed is thrown away on an error, the
 * errors are in the agent's language and name the field, and a button is
 * disabled while its request runs, so a double click sends once.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { LOCALES, type Locale } from '#core/locale.ts';
import { AgentShell, type ShellText } from '../agent/AgentShell.tsx';
import { type Agent, agentApi, ApiError, type SavedReply, type SavedReplyInput } from './api.ts';
import { ConfirmDialog } from './Confirm.tsx';
import { formatCount, isNetworkError } from './errors.ts';
import { routingText } from './routing-strings.ts';
import { savedRepliesText } from './saved-replies-strings.ts';
import { inboxText } from './strings.ts';

/** Longest title the API takes (api/tickets/saved-replies.ts). */
const MAX_TITLE = 80;
/** Longest text the API takes (a message's limit, api/conversations/schema.ts). */
const MAX_BODY = 5000;

function shellText(locale: Locale): ShellText {
  const inbox = inboxText(locale);
  return {
    title: savedRepliesText(locale).title,
    signedOutTitle: inbox.loginTitle,
    language: inbox.language,
    link: { href: '/agent/', label: inbox.title },
    more: [
      { href: '/agent/routing/', label: routingText(locale).title },
      { href: '/agent/reports/', label: inbox.reports },
    ],
    signOut: inbox.logout,
  };
}

export default function SavedReplies({ locale }: { locale: Locale }) {
  return (
    <AgentShell locale={locale} className="saved-replies-screen" text={shellText}>
      {(agent, current) => <SavedRepliesView agent={agent} locale={current} />}
    </AgentShell>
  );
}

type Lists = Record<Locale, SavedReply[]>;

/** Why a change failed, in the agent's language. */
function errorText(error: unknown, locale: Locale, input: Partial<SavedReplyInput>): string {
  const t = savedRepliesText(locale);
  if (isNetworkError(error)) return t.offline;
  if (!(error instanceof ApiError)) return t.failed(0);
  if (error.status === 401) return t.signedOut;
  if (error.status === 403) return t.forbidden;
  if (error.status === 404) return t.notFound;
  if (error.status === 409) return t.duplicate(input.title ?? '', t.languageName[input.locale ?? locale]);
  if (error.status === 400 && error.field) return t.fieldError(fieldLabel(error.field, locale));
  return t.failed(error.status);
}

function fieldLabel(field: string, locale: Locale): string {
  const t = savedRepliesText(locale);
  return ({ title: t.fieldTitle, body: t.fieldBody, locale: t.language } as Record<string, string>)[field] ?? field;
}

/** What is wrong with `input` before it is sent, or null. */
function problemOf(input: SavedReplyInput, locale: Locale): string | null {
  const t = savedRepliesText(locale);
  if (input.title.trim() === '') return t.required(t.fieldTitle.toLowerCase());
  if (input.title.trim().length > MAX_TITLE) return t.tooLong(t.fieldTitle, formatCount(MAX_TITLE, locale));
  if (input.body.trim() === '') return t.required(t.fieldBody.toLowerCase());
  if (input.body.trim().length > MAX_BODY) return t.tooLong(t.fieldBody, formatCount(MAX_BODY, locale));
  return null;
}

function SavedRepliesView({ agent, locale }: { agent: Agent; locale: Locale }) {
  const t = savedRepliesText(locale);
  const isAdmin = agent.role === 'admin';
  const [lists, setLists] = useState<Lists | null>(null);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<SavedReply | null>(null);

  const refresh = useCallback(
    () =>
      Promise.all(LOCALES.map((l) => agentApi.savedReplies(l).then((r) => [l, r.savedReplies] as const))).then(
        (entries) => setLists(Object.fromEntries(entries) as Lists),
        (e: unknown) => setNotice({ text: errorText(e, locale, {}), error: true }),
      ),
    [locale],
  );
  useEffect(() => {
    void refresh();
  }, [refresh]);

  /** Runs one change; resolves to the error text, or null when it worked. */
  const change = async (work: () => Promise<unknown>, input: Partial<SavedReplyInput>, done: string): Promise<string | null> => {
    try {
      await work();
      setNotice({ text: done, error: false });
      await refresh();
      return null;
    } catch (e) {
      const text = errorText(e, locale, input);
      // A reply another admin deleted meanwhile: the list is stale.
      if (e instanceof ApiError && e.status === 404) await refresh();
      return text;
    }
  };

  return (
    <main className="saved-replies-body">
      <p>{t.intro}</p>
      <section aria-labelledby="placeholders-title" className="placeholders">
        <h2 id="placeholders-title">{t.placeholders}</h2>
        <p className="muted">{t.placeholdersHint}</p>
        <dl>
          <dt>
            <code>{'{klant}'}</code> / <code>{'{customer}'}</code>
          </dt>
          <dd>{t.placeholderCustomer}</dd>
          <dt>
            <code>{'{ticket}'}</code>
          </dt>
          <dd>{t.placeholderTicket}</dd>
          <dt>
            <code>{'{medewerker}'}</code> / <code>{'{agent}'}</code>
          </dt>
          <dd>{t.placeholderAgent}</dd>
        </dl>
      </section>
      {!isAdmin && <p className="muted">{t.onlyAdmins}</p>}
      <p aria-live="polite" role={notice?.error ? 'alert' : 'status'} className={notice?.error ? 'error' : 'muted'}>
        {notice?.text ?? ''}
      </p>
      {isAdmin && (
        <ReplyForm
          key="new"
          heading={t.addHeading}
          submitLabel={t.add}
          locale={locale}
          initial={{ locale, title: '', body: '' }}
          onSubmit={(input) => change(() => agentApi.addSavedReply(input), input, t.added(input.title.trim()))}
        />
      )}
      {lists === null ? (
        <p role="status">…</p>
      ) : (
        LOCALES.map((language) => (
          <section key={language} aria-labelledby={`saved-${language}`}>
            <h2 id={`saved-${language}`}>{t.listOf(t.languageName[language], lists[language].length)}</h2>
            {lists[language].length === 0 ? (
              <p className="muted">{t.none}</p>
            ) : (
              <ul className="saved-reply-list">
                {lists[language].map((reply) => (
                  <li key={reply.id}>
                    {editing === reply.id ? (
                      <ReplyForm
                        heading={t.editHeading(reply.title)}
                        submitLabel={t.save}
                        locale={locale}
                        initial={{ locale: reply.locale, title: reply.title, body: reply.body }}
                        onCancel={() => setEditing(null)}
                        onSubmit={async (input) => {
                          const failed = await change(() => agentApi.changeSavedReply(reply.id, input), input, t.changed(input.title.trim()));
                          if (failed === null) setEditing(null);
                          return failed;
                        }}
                      />
                    ) : (
                      <article aria-labelledby={`reply-${reply.id}`}>
                        <h3 id={`reply-${reply.id}`}>{reply.title}</h3>
                        <p className="saved-reply-body">{reply.body}</p>
                        {isAdmin && (
                          <div className="saved-reply-actions">
                            <button type="button" aria-label={t.edit(reply.title)} onClick={() => setEditing(reply.id)}>
                              {t.editButton}
                            </button>
                            <button type="button" aria-label={t.remove(reply.title)} onClick={() => setRemoving(reply)}>
                              {t.removeYes}
                            </button>
                          </div>
                        )}
                      </article>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))
      )}
      {removing && (
        <ConfirmDialog
          title={t.removeTitle(removing.title)}
          confirmLabel={t.removeYes}
          cancelLabel={t.cancel}
          onConfirm={async () => {
            const failed = await change(() => agentApi.deleteSavedReply(removing.id), removing, t.removed(removing.title));
            if (failed) setNotice({ text: failed, error: true });
          }}
          onClose={() => setRemoving(null)}
        >
          {t.removeQuestion(removing.title, t.languageName[removing.locale])}
        </ConfirmDialog>
      )}
    </main>
  );
}

/**
 * The form to add or edit a saved reply. Checks what it can before sending
 * (empty, too long), keeps every field on an error and says what is wrong
 * beside the button; the button is disabled while the request runs.
 */
function ReplyForm({
  heading,
  submitLabel,
  locale,
  initial,
  onSubmit,
  onCancel,
}: {
  heading: string;
  submitLabel: string;
  locale: Locale;
  initial: SavedReplyInput;
  /** Resolves to an error text, or null when it worked (then a new-reply form empties itself). */
  onSubmit: (input: SavedReplyInput) => Promise<string | null>;
  onCancel?: () => void;
}) {
  const t = savedRepliesText(locale);
  const id = useId();
  const [input, setInput] = useState<SavedReplyInput>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const set = (change: Partial<SavedReplyInput>) => {
    setInput((current) => ({ ...current, ...change }));
    setError(null);
  };
  return (
    <form
      className="routing-form saved-reply-form"
      aria-labelledby={`${id}-heading`}
      onSubmit={async (event) => {
        event.preventDefault();
        if (inFlight.current) return;
        const problem = problemOf(input, locale);
        if (problem) {
          setError(problem);
          return;
        }
        inFlight.current = true;
        setBusy(true);
        const failed = await onSubmit({ locale: input.locale, title: input.title.trim(), body: input.body.trim() });
        inFlight.current = false;
        setBusy(false);
        setError(failed);
        if (failed === null && !onCancel) setInput({ ...initial, locale: input.locale });
      }}
    >
      {/* The new-reply form is a section of its own; an edit form sits under its language's heading. */}
      {onCancel ? <h3 id={`${id}-heading`}>{heading}</h3> : <h2 id={`${id}-heading`}>{heading}</h2>}
      <label>
        {t.language}
        <select value={input.locale} onChange={(e) => set({ locale: e.target.value as Locale })}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {t.languageName[l]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.fieldTitle}
        <input
          value={input.title}
          maxLength={MAX_TITLE + 20}
          onChange={(e) => set({ title: e.target.value })}
          aria-invalid={error !== null && input.title.trim() === '' ? true : undefined}
        />
      </label>
      <label>
        {t.fieldBody}
        <textarea
          rows={5}
          value={input.body}
          onChange={(e) => set({ body: e.target.value })}
          aria-invalid={error !== null && input.body.trim() === '' ? true : undefined}
        />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="saved-reply-actions">
        <button type="submit" disabled={busy} aria-busy={busy || undefined}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t.cancel}
          </button>
        )}
      </div>
    </form>
  );
}
