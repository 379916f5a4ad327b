/**
 * The chat widget: a launcher on every page (a plain link to the help home
 * without JavaScript) that opens a dialog with the assistant. The assistant
 * runs here, in the browser; only anonymous outcomes, effort scores and, when
 * the customer asks for a person, the hand-off leave it, through the outbox.
 */
import { useEffect, useRef, useState } from 'react';
import type { Locale } from '#core/locale.ts';
import type { AssistantModel, Reply } from '#core/assistant/model.ts';
import { answer } from '#core/assistant/index.ts';
import { redact } from '#core/privacy/redact.ts';
import { ui } from '../i18n/ui.ts';
import { type Chat, type ChatMessage, addMessage, clearChat, loadChat, newChat, saveChat, transcriptOf, updateMessage } from './conversation.ts';
import { pageOutbox } from './browser-outbox.ts';
import { newKey, REPORTS_PATH } from './outbox.ts';

interface Props {
  locale: Locale;
  /** URL of this locale's assistant model asset. */
  modelUrl: string;
  /** Where the launcher leads without JavaScript. */
  homeUrl: string;
}

/** A reply from an agent, as GET /api/conversations/:id/ticket lists it. */
interface ThreadMessage {
  id: string;
  author: 'customer' | 'agent' | 'system';
  body: string;
  createdAt: string;
}

/** The ticket's state as the widget last heard it: CSAT is asked once it is solved. */
interface TicketState {
  number: string;
  status: 'open' | 'pending' | 'solved' | 'closed';
  /** The score the API has, if any. */
  csat: number | null;
}

/** Where the widget remembers a CSAT score it queued, until the API reports it back. */
const csatKey = (ticketNumber: string) => `wegwijs.csat.${ticketNumber}`;

/** How often the widget asks for agent replies while it is open after a hand-off. */
const POLL_MS = 10_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

let models: Map<string, Promise<AssistantModel>> | undefined;
function loadModel(url: string): Promise<AssistantModel> {
  models ??= new Map();
  let model = models.get(url);
  if (!model) {
    model = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`Wegwijs assistant: ${url} answered ${r.status}`);
      return r.json() as Promise<AssistantModel>;
    });
    model.catch(() => models?.delete(url));
    models.set(url, model);
  }
  return model;
}

/** The page's shared outbox (the article feedback uses the same one). */
const outbox = pageOutbox;

export default function ChatWidget({ locale, modelUrl, homeUrl }: Props) {
  const t = ui(locale);
  const [open, setOpen] = useState(false);
  const [chat, setChatState] = useState<Chat>(() => newChat(locale));
  const [model, setModel] = useState<AssistantModel | null>(null);
  const [modelFailed, setModelFailed] = useState(false);
  const [handoffForm, setHandoffForm] = useState(false);
  const [ticket, setTicket] = useState<TicketState | null>(null);
  const launcherRef = useRef<HTMLAnchorElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const logRef = useRef<HTMLDivElement>(null);

  const setChat = (next: Chat) => {
    saveChat(window.localStorage, next);
    setChatState(next);
  };

  // After hydration: the saved conversation, and the outbox picks up what is still unsent.
  useEffect(() => {
    setChatState(loadChat(window.localStorage, locale));
    outbox();
    if (window.sessionStorage.getItem('wegwijs.chat.open') === '1') setOpen(true);
  }, []);

  useEffect(() => {
    window.sessionStorage.setItem('wegwijs.chat.open', open ? '1' : '0');
    if (!open) return;
    inputRef.current?.focus();
    loadModel(modelUrl).then(setModel, () => setModelFailed(true));
  }, [open]);

  // Agent replies: poll while the dialog is open and a hand-off exists.
  useEffect(() => {
    if (!open || !chat.handoff) return;
    let stopped = false;
    const poll = async () => {
      const auth = outbox().conversation();
      if (!auth || stopped) return;
      try {
        const response = await fetch(`/api/conversations/${encodeURIComponent(auth.id)}/ticket`, { headers: { authorization: `Bearer ${auth.token}` } });
        if (!response.ok) return;
        const ticket = (await response.json()) as { number: string; status: TicketState['status']; csat?: number | null; messages: ThreadMessage[] };
        if (!stopped) setTicket({ number: ticket.number, status: ticket.status, csat: ticket.csat ?? null });
        setChatState((current) => {
          let next = current;
          if (next.handoff && !next.handoff.ticketNumber) {
            next = { ...next, handoff: { ...next.handoff, ticketNumber: ticket.number } };
            next = addMessage(next, { from: 'system', text: t.handoffSent(ticket.number) });
          }
          const known = new Set(next.messages.map((m) => m.id));
          for (const message of ticket.messages) {
            if (message.author === 'agent' && !known.has(`agent-${message.id}`)) {
              next = addMessage(next, { id: `agent-${message.id}`, from: 'agent', text: message.body, at: message.createdAt });
            }
          }
          if (next !== current) saveChat(window.localStorage, next);
          return next;
        });
      } catch {
        // Offline: the next poll tries again.
      }
    };
    void poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [open, chat.handoff?.email]);

  // A question typed before the model arrived is answered as soon as it is there.
  useEffect(() => {
    const last = chat.messages[chat.messages.length - 1];
    if (model && last?.from === 'customer' && !chat.handoff) setChat(respond(chat, answer(model, last.text, chat.assistantState), last.text));
  }, [model]);

  // Keep the newest message in view.
  useEffect(() => {
    logRef.current?.scrollTo({ top: logRef.current.scrollHeight });
  }, [open, chat.messages.length, model]);

  function close() {
    setOpen(false);
    setHandoffForm(false);
    launcherRef.current?.focus();
  }

  function onDialogKeyDown(event: React.KeyboardEvent) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab' && dialogRef.current) {
      // Keep focus inside the modal dialog.
      const focusable = [...dialogRef.current.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input:not([disabled]), textarea, [tabindex="0"]')];
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first?.focus();
      }
    }
  }

  function article(id: string | null) {
    return model?.articles.find((a) => a.id === id);
  }

  function respond(current: Chat, reply: Reply, question: string): Chat {
    const text =
      reply.action === 'answer'
        ? (article(reply.articleId)?.summary ?? article(reply.articleId)?.title ?? '')
        : reply.action === 'clarify'
          ? t.chatClarify
          : reply.action === 'nomatch'
            ? t.chatNoMatch
            : (reply.text ?? '');
    const turn = {
      action: reply.action,
      articleId: reply.articleId,
      offered: reply.action === 'clarify' ? (reply.offered ?? []) : [],
      candidates: reply.candidates.map((c) => c.articleId),
      confidence: reply.confidence,
      offerHandoff: reply.offerHandoff,
      why: reply.why,
      ...(reply.ruleId ? { ruleId: reply.ruleId } : {}),
    };
    const next = addMessage({ ...current, assistantState: reply.state }, { from: 'assistant', text, turn });
    const answerId = next.messages[next.messages.length - 1]?.id ?? newKey();
    // Anonymous outcome; only a no-match question's text goes along, redacted, for the content-gap report.
    outbox().enqueue(
      REPORTS_PATH,
      {
        type: 'outcome',
        answerId,
        action: reply.action,
        articleId: reply.articleId,
        locale,
        ...(reply.action === 'nomatch' ? { question: redact(question).slice(0, 500) } : {}),
      },
      `outcome-${answerId}`,
    );
    return next;
  }

  function ask(text: string) {
    const question = text.trim();
    if (!question) return;
    let next = addMessage(chat, { from: 'customer', text: question });
    if (chat.handoff) {
      // After the hand-off, the customer talks to the person, not the assistant.
      outbox().enqueue('/conversations/{conversation}/ticket/messages', { body: question }, newKey());
      setChat(next);
      return;
    }
    if (!model) {
      setChat(next);
      return;
    }
    next = respond(next, answer(model, question, chat.assistantState), question);
    setChat(next);
  }

  function pick(articleId: string) {
    const picked = article(articleId);
    if (!picked || !model) return;
    let next = addMessage(chat, { from: 'customer', text: picked.title });
    const reply: Reply = {
      action: 'answer',
      articleId,
      candidates: [{ articleId, score: 1 }],
      confidence: 1,
      offerHandoff: false,
      state: { noMatchStreak: 0 },
      why: { kind: 'pattern', articleId, pattern: 'picked from the offered articles' },
    };
    next = respond(next, reply, picked.title);
    setChat(next);
  }

  function giveHelpful(message: ChatMessage, helpful: boolean) {
    let next = updateMessage(chat, message.id, { helpful });
    outbox().enqueue(REPORTS_PATH, { type: 'helpful', answerId: message.id, helpful, articleId: message.turn?.articleId ?? null, locale }, `helpful-${message.id}`);
    if (helpful) next = addMessage(next, { from: 'assistant', text: t.chatGladToHelp });
    else {
      const alternatives = (message.turn?.candidates ?? []).filter((id) => id !== message.turn?.articleId).slice(0, 2);
      next = addMessage(next, {
        from: 'assistant',
        text: alternatives.length > 0 ? t.chatAlternatives : t.chatOfferHandoff,
        turn: { action: 'clarify', articleId: null, offered: alternatives, candidates: alternatives, confidence: 0, offerHandoff: true, why: { kind: 'rule', ruleId: 'not-helpful', pattern: '' } },
      });
    }
    setChat(next);
  }

  function giveCes(message: ChatMessage, score: number) {
    setChat(updateMessage(chat, message.id, { ces: score }));
    outbox().enqueue(REPORTS_PATH, { type: 'ces', answerId: message.id, articleId: message.turn?.articleId ?? null, score, locale }, `ces-${message.id}`);
  }

  function giveCsat(score: number) {
    if (!ticket) return;
    window.localStorage.setItem(csatKey(ticket.number), String(score));
    outbox().enqueue('/conversations/{conversation}/csat', { score }, `csat-${ticket.number}`);
    setTicket({ ...ticket, csat: score });
  }

  function sendHandoff(email: string, name: string, message: string) {
    const handoff = { email, ...(name ? { name } : {}) };
    const next = addMessage({ ...chat, handoff }, { from: 'system', text: t.handoffQueued });
    outbox().enqueue(
      '/conversations/{conversation}/handoff',
      { email, ...(name ? { name } : {}), message, locale, transcript: transcriptOf(chat) },
      `handoff-${chat.messages[0]?.id ?? newKey()}`,
    );
    setChat(next);
    setHandoffForm(false);
  }

  function restart() {
    clearChat(window.localStorage);
    outbox().reset();
    setTicket(null);
    setChat(newChat(locale));
    inputRef.current?.focus();
  }

  const lastAssistant = [...chat.messages].reverse().find((m) => m.from === 'assistant');
  const showHandoffOffer = !chat.handoff && lastAssistant?.turn?.offerHandoff === true;

  return (
    <div className="chat">
      <a
        ref={launcherRef}
        className="chat-launcher"
        href={homeUrl}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={(event) => {
          event.preventDefault();
          setOpen(!open);
        }}
      >
        {t.chatOpen}
      </a>
      {open && (
        <div ref={dialogRef} className="chat-dialog" role="dialog" aria-modal="true" aria-labelledby="chat-title" onKeyDown={onDialogKeyDown}>
          <div className="chat-head">
            <h2 id="chat-title">{t.chatTitle}</h2>
            <button type="button" onClick={restart}>{t.chatRestart}</button>
            <button type="button" onClick={close} aria-label={t.chatClose}>×</button>
          </div>
          <div ref={logRef} className="chat-log" role="log" aria-live="polite" aria-relevant="additions">
          <ol className="chat-messages">
            <li className="from-assistant">{t.chatIntro}</li>
            {chat.messages.map((message) => (
              <li key={message.id} className={`from-${message.from}`}>
                <span className="sr-only">{message.from === 'customer' ? t.youSay : message.from === 'agent' ? t.agentSays : t.assistantSays}: </span>
                {message.turn?.action === 'answer' && article(message.turn.articleId) && <strong>{article(message.turn.articleId)?.title}</strong>}
                <p>{message.text}</p>
                {message.turn?.action === 'answer' && article(message.turn.articleId)?.url && (
                  <a href={article(message.turn.articleId)?.url}>{t.chatReadArticle}</a>
                )}
                {message.turn && message.turn.offered.length > 0 && (
                  <div className="chat-options">
                    {message.turn.offered.map((id) => (
                      <button type="button" key={id} onClick={() => pick(id)}>{article(id)?.title ?? id}</button>
                    ))}
                  </div>
                )}
                {message.turn?.action === 'answer' && <Feedback message={message} locale={locale} onHelpful={giveHelpful} onCes={giveCes} />}
              </li>
            ))}
          </ol>
          </div>
          {ticket && chat.handoff && (ticket.status === 'solved' || ticket.status === 'closed') && (
            <Csat given={ticket.csat ?? (Number(window.localStorage.getItem(csatKey(ticket.number))) || null)} locale={locale} onScore={giveCsat} />
          )}
          {modelFailed && <p role="alert">{t.searchLoadFailed}</p>}
          {showHandoffOffer && !handoffForm && (
            <div className="chat-handoff-offer">
              <p>{t.chatOfferHandoff}</p>
              <button type="button" onClick={() => setHandoffForm(true)}>{t.chatTalkToPerson}</button>
            </div>
          )}
          {handoffForm ? (
            <HandoffForm chat={chat} locale={locale} onSend={sendHandoff} onCancel={() => setHandoffForm(false)} />
          ) : (
            <form
              className="chat-input"
              onSubmit={(event) => {
                event.preventDefault();
                const input = inputRef.current;
                if (input) {
                  ask(input.value);
                  input.value = '';
                }
              }}
            >
              <label htmlFor="chat-q" className="sr-only">{chat.handoff ? t.replyToAgent : t.chatInputLabel}</label>
              <input ref={inputRef} id="chat-q" autoComplete="off" maxLength={500} placeholder={t.chatInputPlaceholder} />
              <button type="submit">{t.chatSend}</button>
              {!chat.handoff && !showHandoffOffer && (
                <button type="button" className="link" onClick={() => setHandoffForm(true)}>{t.chatTalkToPerson}</button>
              )}
            </form>
          )}
        </div>
      )}
    </div>
  );
}

function Feedback({ message, locale, onHelpful, onCes }: { message: ChatMessage; locale: Locale; onHelpful: (m: ChatMessage, helpful: boolean) => void; onCes: (m: ChatMessage, score: number) => void }) {
  const t = ui(locale);
  return (
    <div className="chat-feedback">
      {message.helpful === undefined ? (
        <div role="group" aria-label={t.chatDidThisHelp}>
          <span>{t.chatDidThisHelp}</span> <button type="button" onClick={() => onHelpful(message, true)}>{t.chatYes}</button>{' '}
          <button type="button" onClick={() => onHelpful(message, false)}>{t.chatNo}</button>
        </div>
      ) : null}
      {message.ces === undefined ? (
        <fieldset className="ces">
          <legend>{t.chatCesQuestion}</legend>
          <div className="ces-scale">
            <span aria-hidden="true">1 = {t.chatCesLow}</span>
            {[1, 2, 3, 4, 5].map((score) => (
              <button type="button" key={score} onClick={() => onCes(message, score)} aria-label={score === 1 ? `1, ${t.chatCesLow}` : score === 5 ? `5, ${t.chatCesHigh}` : String(score)}>
                {score}
              </button>
            ))}
            <span aria-hidden="true">5 = {t.chatCesHigh}</span>
          </div>
        </fieldset>
      ) : (
        <p className="muted">{t.chatCesThanks}</p>
      )}
    </div>
  );
}

/** CSAT once the ticket is solved: asked once, then the score given is shown. */
function Csat({ given, locale, onScore }: { given: number | null; locale: Locale; onScore: (score: number) => void }) {
  const t = ui(locale);
  return (
    <div className="chat-csat">
      {given === null && (
        <fieldset className="ces">
          <legend>{t.csatQuestion}</legend>
          <div className="ces-scale">
            <span aria-hidden="true">1 = {t.csatLow}</span>
            {[1, 2, 3, 4, 5].map((score) => (
              <button type="button" key={score} onClick={() => onScore(score)} aria-label={score === 1 ? `1, ${t.csatLow}` : score === 5 ? `5, ${t.csatHigh}` : String(score)}>
                {score}
              </button>
            ))}
            <span aria-hidden="true">5 = {t.csatHigh}</span>
          </div>
        </fieldset>
      )}
      <p role="status">{given === null ? '' : `${t.csatThanks} ${t.csatGiven(given)}`}</p>
    </div>
  );
}

function HandoffForm({ chat, locale, onSend, onCancel }: { chat: Chat; locale: Locale; onSend: (email: string, name: string, message: string) => void; onCancel: () => void }) {
  const t = ui(locale);
  const [error, setError] = useState('');
  const emailRef = useRef<HTMLInputElement>(null);
  useEffect(() => emailRef.current?.focus(), []);
  return (
    <form
      className="chat-handoff"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const email = String(data.get('email') ?? '').trim();
        if (!EMAIL.test(email)) {
          setError(t.handoffEmailInvalid);
          emailRef.current?.focus();
          return;
        }
        onSend(email, String(data.get('name') ?? '').trim(), String(data.get('message') ?? '').trim());
      }}
    >
      <h3>{t.handoffTitle}</h3>
      <label htmlFor="handoff-email">{t.handoffEmail}</label>
      <input ref={emailRef} id="handoff-email" name="email" type="email" autoComplete="email" required aria-invalid={error ? true : undefined} aria-describedby={error ? 'handoff-error' : undefined} />
      {error && <p id="handoff-error" role="alert">{error}</p>}
      <label htmlFor="handoff-name">{t.handoffName}</label>
      <input id="handoff-name" name="name" autoComplete="name" maxLength={120} />
      <label htmlFor="handoff-message">{t.handoffMessage}</label>
      <textarea id="handoff-message" name="message" rows={2} maxLength={2000} />
      <details open>
        <summary>{t.handoffWillSend}</summary>
        <ol className="chat-transcript">
          {chat.messages.map((m) => (
            <li key={m.id}>{m.from === 'customer' ? t.youSay : t.assistantSays}: {m.text}</li>
          ))}
        </ol>
      </details>
      <button type="submit">{t.handoffSend}</button> <button type="button" onClick={onCancel}>{t.handoffCancel}</button>
    </form>
  );
}
