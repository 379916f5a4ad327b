/**
 * The chat widget: a launcher on every page (a plain link to the help home
 * without JavaScript, a button once the island runs) that opens a dialog
 * with the assistant. The assistant runs here, in the browser; only
 * anonymous outcomes, effort scores and, when the customer asks for a
 * person, the hand-off leave it, through the outbox.
 *
 * The pieces: conversation.ts (the chat's data and every rule about what is
 * asked when), replies.ts (fetching the team's replies), fetch-model.ts,
 * Launcher.tsx, MessageItem.tsx, Feedback.tsx, HandoffForm.tsx,
 * focus-trap.ts. This file holds the state and wires them.
 */
// Preact's own hooks, not React's names through preact/compat (2.4 KB gzip more at the first open), as the
// search islands do; so text fields listen to `onInput` (compat turned `onChange` into it).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Locale } from '#core/locale.ts';
import type { AssistantModel, Reply } from '#core/assistant/model.ts';
import { answer, closestPhrasingOf } from '#core/assistant/index.ts';
import { redactAndCut } from '#core/privacy/redact.ts';
import { MAX_MESSAGE_LENGTH } from '#core/messages.ts';
import { chatText } from './strings.ts';
import {
  type Chat,
  type AssistantTurn,
  type ChatMessage,
  CHAT_STORAGE_KEY,
  addMessage,
  askedEffort,
  askedHelpful,
  askedWhichArticle,
  afterClosedTicket,
  feedbackHosts,
  feedbackStep,
  handoffOffered,
  isLeftBehind,
  lastFoundNothing,
  linkedTicket,
  loadChat,
  markRepliesSeen,
  movedOn,
  newChat,
  restoredChat,
  saveChat,
  startOver,
  transcriptOf,
  thanksAsYes,
  typedScore,
  typedYesOrNo,
  unreadReplies,
  updateMessage,
  withPhrasings,
  withTicket,
} from './conversation.ts';
import { OUTBOX_REJECTED_EVENT, pageOutbox } from './browser-outbox.ts';
import { newKey, CONVERSATION_SIGNALS_PATH } from './outbox.ts';
import type { HandoffBody } from '../../api/conversations/schema.ts';
import { type Poller, type PublicTicket, fetchTicket, pollIntervals, startPolling } from './replies.ts';
import { trapTab } from './focus-trap.ts';
import { Launcher } from './Launcher.tsx';
import { Scale } from './Feedback.tsx';
import { MessageItem, withWholeTicketNumbers } from './MessageItem.tsx';
import { fetchPhrasings, modelOfLocale } from './fetch-model.ts';
import { linkInFragment, openConversationLink } from './link.ts';
import { EMPTY_DRAFT, type HandoffDraft, HandoffForm } from './HandoffForm.tsx';
import { handoffContext } from './handoff-context.ts';
import { AttachPicker } from './AttachPicker.tsx';
import { doublePressGuard } from './double-press.ts';
// The widget's stylesheet: this module's import waits for it, so the widget never renders unstyled.
import './styles.ts';
import { downloadFile, type FileRef, type PickedFile, pickFiles, uploadFiles } from './attachments.ts';

interface Props {
  locale: Locale;
  /** URL of this locale's assistant model asset. */
  modelUrl: string;
  /** The other locales' model assets: a message clearly written in one of them is answered from its articles. */
  otherModelUrls?: Partial<Record<Locale, string>>;
  /** Where the launcher leads without JavaScript. */
  homeUrl: string;
  /** The team's usual reply time in working hours (content/settings.yaml, contact.replyWithinHours). */
  replyWithinHours: number;
  /** The team's working hours in this locale (content/settings.yaml, contact.hours). */
  workingHours: string;
}

/** The ticket's state as the widget last heard it: CSAT is asked once it is solved. */
interface TicketState {
  number: string;
  status: PublicTicket['status'];
  /** The score the API has, if any. */
  csat: number | null;
}

/** Where the widget remembers a CSAT score it queued, until the API reports it back. */
const csatKey = (ticketNumber: string) => `wegwijs.csat.${ticketNumber}`;
/** sessionStorage: the widget was open on the previous page of this tab. */
const OPEN_KEY = 'wegwijs.chat.open';
/** sessionStorage: what the customer typed and did not send yet (the message box; the hand-off form). */
const DRAFT_KEY = 'wegwijs.chat.draft';
const HANDOFF_DRAFT_KEY = 'wegwijs.chat.handoffDraft';
/** The most the assistant reads of one question: a longer story is for a person (the hand-off form takes MAX_MESSAGE_LENGTH). */
const MAX_QUESTION_LENGTH = 500;
/** sessionStorage: the hand-off form was open; after a reload or on the next page it is open again, its draft in it. */
const HANDOFF_OPEN_KEY = 'wegwijs.chat.handoffOpen';

/** The hand-off form's draft this tab kept; a draft it cannot read is no reason to break the widget. */
function storedHandoffDraft(): HandoffDraft {
  try {
    return { ...EMPTY_DRAFT, ...(JSON.parse(window.sessionStorage.getItem(HANDOFF_DRAFT_KEY) ?? '{}') as Partial<HandoffDraft>) };
  } catch {
    return EMPTY_DRAFT;
  }
}

/**
 * history.state: the chat was open on this page when the customer followed a link out of it where it covers the
 * whole screen (a phone). The next page shows what the link leads to; Back opens the chat here again.
 */
const OPEN_ON_BACK = 'wegwijsChatOpen';

/** How long a hand-off waits for the phrasings its explanations need; then it goes without them. */
const PHRASINGS_WAIT_MS = 3_000;

/** The page's shared outbox (the article feedback uses the same one). */
const outbox = pageOutbox;

/** Keys of the outbox items not yet acknowledged. */
const pendingKeys = () =>
  new Set(
    outbox()
      .pending()
      .map((item) => item.key),
  );

/** The customer's messages since the assistant last spoke: typed while the model was still loading. */
function unansweredQuestions(chat: Chat): string[] {
  let start = chat.messages.length;
  while (start > 0 && chat.messages[start - 1]!.from === 'customer') start--;
  return chat.messages.slice(start).map((message) => message.text);
}

export default function ChatWidget({ locale, modelUrl, otherModelUrls = {}, homeUrl, replyWithinHours, workingHours }: Props) {
  const t = chatText(locale);
  const [open, setOpen] = useState(false);
  const [chat, setChatState] = useState<Chat>(() => newChat(locale));
  const chatRef = useRef(chat);
  const [model, setModel] = useState<AssistantModel | null>(null);
  /** Models of other locales, loaded when a customer writes in that language. */
  const [otherModels, setOtherModels] = useState<Partial<Record<Locale, AssistantModel>>>({});
  const [modelFailed, setModelFailed] = useState(false);
  const [handoffForm, setHandoffForm] = useState(false);
  const [handoffDraft, setHandoffDraft] = useState<HandoffDraft>(EMPTY_DRAFT);
  const [confirmRestart, setConfirmRestart] = useState(false);
  const [ticket, setTicket] = useState<TicketState | null>(null);
  const [draft, setDraftState] = useState('');
  const [online, setOnline] = useState(true);
  const [pending, setPending] = useState<Set<string>>(() => new Set());
  /** Outbox keys the outbox set aside (refused, or failing too often) and the API's status: shown as "not sent" with what to do. */
  const [notSent, setNotSent] = useState<Map<string, number>>(() => new Map());
  /** What opening the link from an e-mail came to, while it is worth saying ('' when nothing). */
  const [linkNotice, setLinkNotice] = useState('');
  /** Why the attachment last tapped was not saved ('' when it was). */
  const [downloadFailed, setDownloadFailed] = useState('');
  /** Counts conversations opened from a link, so the reply polling starts again for the new one. */
  const [opened, setOpened] = useState(0);
  /** Files chosen for the hand-off or the next reply; uploaded only when that is sent, kept when it fails. */
  const [picked, setPicked] = useState<PickedFile[]>([]);
  const [fileProblem, setFileProblem] = useState('');
  const [uploading, setUploading] = useState(false);
  const uploadingRef = useRef(false);
  const launcherRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const restartRef = useRef<HTMLButtonElement>(null);
  const poller = useRef<Poller | null>(null);
  const focusNewest = useRef(false);
  const baseTitle = useRef('');
  /** The latest of `open` and `ticket`, for the poller, which outlives renders. */
  const openRef = useRef(false);
  const ticketRef = useRef<TicketState | null>(null);
  /** Stops the second half of a double tap that would land on what the first half moved under it (double-press.ts). */
  const [guard] = useState(doublePressGuard);
  const rootRef = useRef<HTMLDivElement>(null);

  /** Saves and shows `next`; the ref lets a second click in the same frame see the first one's result. */
  const setChat = (next: Chat) => {
    chatRef.current = next;
    saveChat(window.localStorage, next);
    setChatState(next);
  };
  const updateChat = (change: (current: Chat) => Chat) => {
    const next = change(chatRef.current);
    if (next !== chatRef.current) setChat(next);
  };
  const saveHandoffDraft = (next: HandoffDraft) => {
    setHandoffDraft(next);
    window.sessionStorage.setItem(HANDOFF_DRAFT_KEY, JSON.stringify(next));
  };
  /** Opens or closes the hand-off form, remembered at once: a reload right after must find it so (effects run a frame late). */
  const showHandoffForm = (show: boolean) => {
    setHandoffForm(show);
    if (show) window.sessionStorage.setItem(HANDOFF_OPEN_KEY, '1');
    else window.sessionStorage.removeItem(HANDOFF_OPEN_KEY);
  };
  const setDraft = (text: string) => {
    setDraftState(text);
    window.sessionStorage.setItem(DRAFT_KEY, text);
  };
  /** "Talk to a person", pressed: what the customer typed and did not send goes along (a story too long for the assistant too). */
  const askPerson = () => {
    if (draft.trim() && !handoffDraft.message.trim()) {
      saveHandoffDraft({ ...handoffDraft, message: draft.trim() });
      setDraft('');
    }
    showHandoffForm(true);
  };

  /** The conversation as saved (by this tab, or another tab of the site), shown. */
  const showSavedChat = (): Chat => {
    const saved = loadChat(window.localStorage, locale);
    chatRef.current = saved;
    setChatState(saved);
    return saved;
  };

  // After hydration: the saved conversation, the draft, whether it was open; the outbox picks up what is still unsent.
  useEffect(() => {
    showSavedChat();
    setDraftState(window.sessionStorage.getItem(DRAFT_KEY) ?? '');
    setHandoffDraft(storedHandoffDraft());
    setOnline(navigator.onLine);
    setPending(pendingKeys());
    baseTitle.current = document.title;
    outbox();
    const state = window.history.state as Record<string, unknown> | null;
    if (window.sessionStorage.getItem(OPEN_KEY) === '1' || state?.[OPEN_ON_BACK] === true) setOpen(true);
    if (state?.[OPEN_ON_BACK] === true) window.history.replaceState({ ...state, [OPEN_ON_BACK]: undefined }, '');
    if (window.sessionStorage.getItem(HANDOFF_OPEN_KEY) === '1') setHandoffForm(true);
    // Arrived from the link in an e-mail (the server's /c/<link> page): open that conversation here.
    const link = linkInFragment(window.location.hash);
    if (link) {
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
      openChat();
      setLinkNotice(t.chatLinkOpening);
      void openFromLink(link);
    }
    // Escape closes the open dialog from anywhere, also before focus (or this component's effects, a frame
    // later under Preact) has caught up with a fast keyboard: listening from the start, not from opening.
    const onEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && dialogRef.current) close();
    };
    document.addEventListener('keydown', onEscape);
    const onOnline = () => setOnline(true);
    const onOffline = () => setOnline(false);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    // Another tab of the site wrote the conversation (a question, the hand-off): this one shows the same. It kept its
    // own copy before, and its next question wrote that back over the other's: a hand-off done in the other tab was
    // gone, with its ticket, and the team's replies were no longer fetched in either (key null: storage cleared).
    // (Only localStorage's writes reach other tabs: sessionStorage is the tab's own.)
    const onStorage = (event: StorageEvent) => {
      if (event.key !== null && event.key !== CHAT_STORAGE_KEY) return;
      const saved = showSavedChat();
      // Handed off there while this tab's hand-off form was open: its Send did nothing, and what was typed in it reached
      // no one. The form goes; its words wait in the message box, which now writes to the team.
      if (!saved.handoff || !window.sessionStorage.getItem(HANDOFF_OPEN_KEY)) return;
      const form = storedHandoffDraft();
      showHandoffForm(false);
      setDraft([window.sessionStorage.getItem(DRAFT_KEY), form.message].filter(Boolean).join('\n'));
      saveHandoffDraft({ ...form, message: '' });
    };
    window.addEventListener('storage', onStorage);
    return () => {
      document.removeEventListener('keydown', onEscape);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('storage', onStorage);
    };
  }, []);

  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const observer = new MutationObserver(guard.changed);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    openRef.current = open;
    if (!open) {
      // Closed before the open's own effect ran (a fast Escape): focus returns to the launcher after it.
      if (wasOpen.current) launcherRef.current?.focus();
      wasOpen.current = false;
      return;
    }
    wasOpen.current = true;
    inputRef.current?.focus();
    updateChat(markRepliesSeen);
    poller.current?.now();
  }, [open]);

  // The phrasings a hand-off's explanations need: asked for when the form opens, so sending it rarely waits for them.
  useEffect(() => {
    if (handoffForm && model) fetchPhrasings(model).catch(() => undefined);
  }, [handoffForm, model]);

  // The model: on open, and again when the connection comes back after a failed load.
  useEffect(() => {
    if (!open || model) return;
    if (!online) {
      setModelFailed(true);
      return;
    }
    let current = true;
    modelOfLocale(locale, modelUrl).then(
      (loaded) => {
        if (!current) return;
        setModel(loaded);
        setModelFailed(false);
      },
      () => current && setModelFailed(true),
    );
    return () => {
      current = false;
    };
  }, [open, online]);

  // What the outbox gave up on: the customer sees it and can try again (site/chat/browser-outbox.ts).
  useEffect(() => {
    const refresh = () => {
      const rejected = outbox().rejected();
      setNotSent(new Map(rejected.map((item) => [item.key, item.status])));
      // A reply refused because the ticket was closed meanwhile: learn the ticket's state now.
      if (rejected.some((item) => item.status === 409)) poller.current?.now();
    };
    refresh();
    window.addEventListener(OUTBOX_REJECTED_EVENT, refresh);
    return () => window.removeEventListener(OUTBOX_REJECTED_EVENT, refresh);
  }, []);

  function retry(key: string) {
    outbox().retry(key);
    setNotSent(
      new Map(
        outbox()
          .rejected()
          .map((item) => [item.key, item.status]),
      ),
    );
    setPending(pendingKeys());
    void outbox().flush();
  }

  // What is still waiting in the outbox: a message shows "waiting" until the API acknowledged it.
  useEffect(() => {
    const linked = linkedTicket(chat);
    const waiting = chat.messages.some((m) => m.outboxKey !== undefined || m.kind === 'handoff') || (linked !== undefined && !linked.ticketNumber);
    if (!waiting) return;
    const tick = () =>
      setPending((before) => {
        const now = pendingKeys();
        // Something just went out (the hand-off, a reply): ask for the ticket at once.
        if ([...before].some((key) => !now.has(key))) poller.current?.now();
        return now;
      });
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [chat.messages.length, online]);

  // The team's replies: polled on every page while a ticket is linked, open or not.
  const ticketLink = linkedTicket(chat);
  useEffect(() => {
    if (!ticketLink) return;
    const running = startPolling(
      async () => {
        const auth = outbox().conversation();
        // A closed ticket gets no more replies: with the widget closed, asking again is only cost.
        if (!auth || (ticketRef.current?.status === 'closed' && !openRef.current)) return false;
        const fetched = await fetchTicket(auth);
        // A ticket left behind closed: asked before the new hand-off arrived (or by a poll since stopped).
        if (!fetched || isLeftBehind(chatRef.current, fetched.number)) return false;
        const news = ticketRef.current?.status !== fetched.status;
        ticketRef.current = { number: fetched.number, status: fetched.status, csat: fetched.csat };
        setTicket(ticketRef.current);
        const before = chatRef.current;
        updateChat((current) => withTicket(current, fetched, openRef.current, { kept: t.chatTicketKept, continues: t.chatContinuesAs, sent: t.handoffSent }));
        return news || chatRef.current !== before;
      },
      pollIntervals(),
      document,
      () => openRef.current,
    );
    poller.current = running;
    return () => {
      running.stop();
      poller.current = null;
    };
  }, [ticketLink?.email, ticketLink === undefined, opened]);

  // Questions typed before the model arrived are answered as soon as it is there, each in turn: none is dropped.
  useEffect(() => {
    let current = chatRef.current;
    const waiting = unansweredQuestions(current);
    if (!model || current.handoff || waiting.length === 0) return;
    for (const question of waiting.slice(0, -1)) current = respond(current, answer(model, question, current.assistantState), question);
    answerQuestion(model, current, waiting[waiting.length - 1]!);
  }, [model]);

  // Keep the newest message in view; after a choice, focus goes to it.
  useEffect(() => {
    const log = logRef.current;
    if (!log) return;
    log.scrollTo({ top: log.scrollHeight });
    // Too short a window for the thread to scroll by itself (chat.css, 400 % zoom): the dialog scrolls as one page, and the
    // newest message shows from its first line. Not under an open hand-off form: the field with the focus is in view there.
    const dialog = dialogRef.current;
    if (dialog && !handoffForm && getComputedStyle(dialog).overflowY === 'auto') log.firstElementChild?.lastElementChild?.scrollIntoView();
    if (focusNewest.current) {
      focusNewest.current = false;
      log.querySelector<HTMLElement>('.chat-messages > li:last-child')?.focus();
    }
  }, [open, chat.messages.length, model]);

  // A phone's keyboard coming up makes the viewport, and with it the log, shorter: a log that showed its newest
  // line keeps showing it (kept at its scroll position, the newest answer and its "Ja"/"Nee" went under the composer).
  // So does a line that grows in place, as the hand-off's confirmation does when its ticket number arrives (the
  // effect above runs for new lines only; the confirmation's last words were cut off at 1366 × 768).
  useEffect(() => {
    const log = logRef.current;
    if (!open || !log) return;
    let atEnd = true;
    const onScroll = () => {
      atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 2;
    };
    const observer = new ResizeObserver(() => {
      if (atEnd) log.scrollTo({ top: log.scrollHeight });
    });
    log.addEventListener('scroll', onScroll, { passive: true });
    observer.observe(log);
    if (log.firstElementChild) observer.observe(log.firstElementChild);
    return () => {
      observer.disconnect();
      log.removeEventListener('scroll', onScroll);
    };
  }, [open]);

  // Unread replies in the tab's title, so they are noticed from another tab too.
  const unread = open ? [] : unreadReplies(chat);
  useEffect(() => {
    if (!baseTitle.current) return;
    document.title = unread.length > 0 ? `(${unread.length}) ${baseTitle.current}` : baseTitle.current;
  }, [unread.length]);

  /**
   * Opens the widget, remembered at once as {@link close} forgets it: written in an effect, an open's write could land
   * after a quick close's (Preact runs effects a frame later), and a reload then reopened what the customer closed.
   */
  function openChat() {
    window.sessionStorage.setItem(OPEN_KEY, '1');
    setOpen(true);
  }

  function close() {
    // At once, not in the effect: a reload right after closing must not reopen it (Preact runs effects a frame later).
    window.sessionStorage.removeItem(OPEN_KEY);
    setOpen(false);
    showHandoffForm(false);
    setConfirmRestart(false);
    launcherRef.current?.focus();
  }

  /**
   * A link followed out of the chat where the chat covers the whole screen (a phone): on the next page the chat
   * stays closed, so the article the customer asked to read is not hidden under the same chat again (it was: the
   * screen did not seem to change); Back brings them here with the chat open (OPEN_ON_BACK). Beside a page, on a
   * larger screen, the chat stays open on the next page as before.
   */
  function onDialogClick(event: React.MouseEvent) {
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    const dialog = dialogRef.current;
    if (!link || !dialog || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const box = dialog.getBoundingClientRect();
    if (box.width < window.innerWidth - 1 || box.height < window.innerHeight - 1) return;
    window.history.replaceState({ ...(window.history.state as object | null), [OPEN_ON_BACK]: true }, '');
    window.sessionStorage.removeItem(OPEN_KEY);
  }

  function onDialogKeyDown(event: React.KeyboardEvent) {
    // Escape is the document's listener; here only Tab is kept inside.
    if (dialogRef.current) trapTab(event, dialogRef.current);
  }

  /** An article of this page's model, or of another locale's when the turn was answered in that language. */
  function article(id: string | null, turnLocale?: Locale, models: Partial<Record<Locale, AssistantModel>> = otherModels) {
    const source = turnLocale && turnLocale !== locale ? models[turnLocale] : model;
    return source?.articles.find((a) => a.id === id);
  }

  function respond(current: Chat, reply: Reply, question: string, answeredIn?: { locale: Locale; model: AssistantModel }): Chat {
    const find = (id: string | null) => (answeredIn ? answeredIn.model.articles.find((a) => a.id === id) : article(id));
    const answered = reply.action === 'answer' ? find(reply.articleId) : undefined;
    const text =
      reply.action === 'answer'
        ? (answered?.summary ?? answered?.title ?? '')
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
      // The closest phrasing is found at hand-off, from this, once the model's phrasings are loaded.
      ...(reply.ranked !== undefined ? { ranked: reply.ranked } : {}),
      ...(reply.ruleId ? { ruleId: reply.ruleId } : {}),
      ...(answeredIn ? { locale: answeredIn.locale } : {}),
      ...(answered ? { article: { title: answered.title, ...(answered.url ? { url: answered.url } : {}) } } : {}),
    };
    const next = addMessage({ ...current, assistantState: reply.state }, { from: 'assistant', text, turn });
    const answerId = next.messages[next.messages.length - 1]?.id ?? newKey();
    // Anonymous outcome; only the text of a question no article covers (a no-match, or a `gap` rule's) goes along,
    // redacted, for the content-gap report.
    outbox().enqueue(
      CONVERSATION_SIGNALS_PATH,
      {
        type: 'outcome',
        answerId,
        action: reply.action,
        articleId: reply.articleId,
        locale: answeredIn?.locale ?? locale,
        ...(reply.action === 'nomatch' || reply.gap ? { question: redactAndCut(question, 500) } : {}),
      },
      `outcome-${answerId}`,
    );
    // The customer asked for a person in so many words: the form, not one more question.
    if (reply.action === 'rule' && reply.offerHandoff) showHandoffForm(true);
    return next;
  }

  /** Opens the conversation of an e-mail's link in this browser, or says why not. */
  async function openFromLink(link: string) {
    const outcome = await openConversationLink(link);
    if (!outcome.ok) {
      setLinkNotice({ invalid: t.chatLinkInvalid, expired: t.chatLinkExpired, gone: t.chatLinkGone, failed: t.chatLinkFailed }[outcome.problem]);
      return;
    }
    // This browser has the conversation already: nothing to restore, only news to fetch.
    if (outbox().conversation()?.id === outcome.id && linkedTicket(chatRef.current)) {
      setLinkNotice('');
      poller.current?.now();
      return;
    }
    if (!outbox().adopt({ id: outcome.id, token: outcome.token })) {
      setLinkNotice(t.chatLinkBusy);
      return;
    }
    ticketRef.current = { number: outcome.ticket.number, status: outcome.ticket.status, csat: outcome.ticket.csat };
    setTicket(ticketRef.current);
    setChat(restoredChat(locale, outcome.ticket, t.chatLinkOpened, outcome.transcript));
    setLinkNotice('');
    setOpened((n) => n + 1);
  }

  /**
   * The customer wrote to a closed ticket, which never opens again: their
   * words go into a new hand-off (the form, filled in with them and the
   * address they gave before), and the chat says why.
   */
  function continueAfterClosed(text: string, number: string, messageId?: string) {
    const current = chatRef.current;
    const previous = linkedTicket(current);
    const without = messageId ? { ...current, messages: current.messages.filter((m) => m.id !== messageId) } : current;
    setChat(afterClosedTicket(without, t.chatNewQuestionAfterClosed(number), t.handoffSent));
    ticketRef.current = null;
    setTicket(null);
    saveHandoffDraft({ email: previous?.email || handoffDraft.email, name: previous?.name ?? handoffDraft.name, message: text });
    showHandoffForm(true);
  }

  function chooseFiles(files: File[]) {
    const { picked: next, problems } = pickFiles(picked, files);
    setPicked(next);
    setFileProblem(problems.map((p) => t.attachError(p.code, p.name)).join(' '));
  }

  /**
   * Uploads the chosen files (only now: nothing leaves the browser before the
   * customer sends). Null when one failed: it says which and why, and the
   * files and text stay for another try.
   */
  async function uploadPicked(): Promise<FileRef[] | null> {
    if (picked.length === 0) return [];
    if (uploadingRef.current) return null;
    uploadingRef.current = true;
    setUploading(true);
    setFileProblem('');
    try {
      const auth = await outbox().start();
      const result = auth ? await uploadFiles(auth, picked) : { code: '', name: picked[0]!.file.name };
      if (Array.isArray(result)) return result;
      setFileProblem(t.attachError(result.code, result.name));
      return null;
    } finally {
      uploadingRef.current = false;
      setUploading(false);
    }
  }

  const attach = (id: string) => (
    <AttachPicker
      id={id}
      locale={locale}
      picked={picked}
      problem={fileProblem}
      onPick={chooseFiles}
      onRemove={(key) => setPicked(picked.filter((p) => p.key !== key))}
    />
  );

  /** Sends the customer's message; resolves false when it did not go (an attachment failed), so the text stays. */
  async function ask(text: string): Promise<boolean> {
    const question = text.trim();
    const current = chatRef.current;
    if (!question && !(current.handoff && picked.length > 0)) return true;
    const closed = ticketRef.current?.status === 'closed' ? ticketRef.current.number : null;
    if (current.handoff && closed) {
      continueAfterClosed(question, closed);
      return true;
    }
    if (current.handoff) {
      // After the hand-off, the customer talks to the team, not the assistant.
      const files = await uploadPicked();
      if (!files) return false;
      const key = newKey();
      outbox().enqueue(
        '/conversations/{conversation}/ticket/messages',
        { body: question, ...(files.length > 0 ? { attachments: files.map((f) => f.id) } : {}) },
        key,
      );
      setPending(pendingKeys());
      setChat(addMessage(chatRef.current, { from: 'customer', text: question, outboxKey: key, ...(files.length > 0 ? { files } : {}) }));
      setPicked([]);
      return true;
    }
    // "ja" or "nee hoor" typed to the widget's own question answers it, as its buttons do; so does "2" to the effort scale.
    const rated = askedEffort(current);
    const score = rated ? typedScore(question) : null;
    if (rated && score !== null) {
      giveCes(rated, score, question);
      return true;
    }
    const answered = askedHelpful(current);
    const offeredArticles = answered ? undefined : askedWhichArticle(current);
    const personOffered = handoffOffered(current) || lastFoundNothing(current);
    const said = answered || offeredArticles || personOffered ? typedYesOrNo(question, locale) : null;
    if (answered && said !== null) {
      giveHelpful(answered, said, question);
      return true;
    }
    // Ranked once: a thanks answers the question above, anything else is answered as asked.
    const reply = answered && model ? answer(model, question, current.assistantState) : undefined;
    if (answered && reply && thanksAsYes(reply, question)) {
      giveHelpful(answered, true, question);
      return true;
    }
    if (offeredArticles && said === false) {
      // "nee" to "did you mean one of these?": "None of these", in the customer's words.
      noneOfThese(offeredArticles, question);
      return true;
    }
    if (offeredArticles && said === true && !personOffered) {
      // "ja" to "did you mean one of these?" picks none: the same articles again, to choose from. (Beside an offer of a person, "ja" takes that.)
      const { id: _id, at: _at, ...again } = offeredArticles;
      focusNewest.current = true;
      setChat(addMessage(addMessage(current, { from: 'customer', text: question }), again));
      return true;
    }
    if (said === true && personOffered) {
      // "ja" to "would you like a person to help you?": the offer's button, pressed.
      setChat(addMessage(current, { from: 'customer', text: question }));
      showHandoffForm(true);
      return true;
    }
    const next = addMessage(current, { from: 'customer', text: question });
    if (model) answerQuestion(model, next, question, reply);
    else setChat(next);
    return true;
  }

  /** The assistant's reply to the customer's last message, already in `current`; `ranked` is the page model's reply to `question` when the caller has it already. */
  function answerQuestion(pageModel: AssistantModel, current: Chat, question: string, ranked?: Reply) {
    const reply = ranked ?? answer(pageModel, question, current.assistantState);
    const otherUrl = reply.otherLocale ? otherModelUrls[reply.otherLocale] : undefined;
    if (!reply.otherLocale || !otherUrl) {
      setChat(respond(current, reply, question));
      return;
    }
    // Written in another of the site's languages: answer from that language's articles.
    const other = reply.otherLocale;
    setChat(current);
    modelOfLocale(other, otherUrl).then(
      (otherModel) => {
        setOtherModels((models) => ({ ...models, [other]: otherModel }));
        setChat(respond(chatRef.current, answer(otherModel, question, current.assistantState), question, { locale: other, model: otherModel }));
      },
      () => setChat(respond(chatRef.current, reply, question)),
    );
  }

  /** A clarify or alternatives button: the article as if the customer had asked for it by name. */
  function pick(message: ChatMessage, articleId: string) {
    const turnLocale = message.turn?.locale;
    const picked = article(articleId, turnLocale);
    if (!picked || !model || movedOn(chatRef.current, message.id)) return;
    const otherModel = turnLocale && turnLocale !== locale ? otherModels[turnLocale] : undefined;
    const reply: Reply = {
      action: 'answer',
      articleId,
      candidates: [{ articleId, score: 1 }],
      confidence: 1,
      offerHandoff: false,
      state: { noMatchStreak: 0 },
      why: { kind: 'pattern', articleId, pattern: 'picked from the offered articles' },
    };
    focusNewest.current = true;
    const answeredIn = otherModel && turnLocale ? { locale: turnLocale, model: otherModel } : undefined;
    setChat(respond(addMessage(chatRef.current, { from: 'customer', text: picked.title, choice: { articleId } }), reply, picked.title, answeredIn));
  }

  /** "None of these", pressed or typed (`typed`: the customer's words, shown as theirs): on to rephrasing or a person. */
  function noneOfThese(message: ChatMessage, typed?: string) {
    if (movedOn(chatRef.current, message.id)) return;
    focusNewest.current = true;
    let next = addMessage(chatRef.current, { from: 'customer', text: typed ?? t.chatNoneOfThese, choice: { articleId: null } });
    next = addMessage(next, {
      from: 'assistant',
      text: t.chatNoneReply,
      turn: {
        action: 'nomatch',
        articleId: null,
        offered: [],
        candidates: [],
        confidence: 0,
        offerHandoff: true,
        why: { kind: 'rule', ruleId: 'none-of-these', pattern: '' },
      },
    });
    setChat(next);
  }

  /** "Did this answer your question?" answered: pressed, or typed (`typed`: the customer's words, shown as theirs). */
  function giveHelpful(message: ChatMessage, helpful: boolean, typed?: string) {
    const current = chatRef.current;
    const latest = current.messages.find((m) => m.id === message.id);
    if (!latest || feedbackStep(current, latest) !== 'helpful') return;
    let next = updateMessage(current, message.id, { helpful });
    if (typed !== undefined) next = addMessage(next, { from: 'customer', text: typed, feedbackFor: message.id });
    outbox().enqueue(
      CONVERSATION_SIGNALS_PATH,
      { type: 'helpful', answerId: message.id, helpful, articleId: message.turn?.articleId ?? null, locale },
      `helpful-${message.id}`,
    );
    if (helpful) next = addMessage(next, { from: 'assistant', text: t.chatGladToHelp });
    else {
      const alternatives = (message.turn?.candidates ?? []).filter((id) => id !== message.turn?.articleId).slice(0, 2);
      next = addMessage(next, {
        from: 'assistant',
        text: alternatives.length > 0 ? t.chatAlternatives : t.chatOfferHandoff,
        turn: {
          action: 'clarify',
          articleId: null,
          offered: alternatives,
          candidates: alternatives,
          confidence: 0,
          offerHandoff: true,
          why: { kind: 'rule', ruleId: 'not-helpful', pattern: '' },
        },
      });
    }
    focusNewest.current = true;
    setChat(next);
  }

  /** The effort score given: pressed, or typed (`typed`: the customer's words, shown as theirs). */
  function giveCes(message: ChatMessage, score: number, typed?: string) {
    const current = chatRef.current;
    const latest = current.messages.find((m) => m.id === message.id);
    if (!latest || feedbackStep(current, latest) !== 'effort') return;
    const next = updateMessage(current, message.id, { ces: score });
    setChat(typed === undefined ? next : addMessage(next, { from: 'customer', text: typed, feedbackFor: message.id }));
    outbox().enqueue(
      CONVERSATION_SIGNALS_PATH,
      { type: 'ces', answerId: message.id, articleId: message.turn?.articleId ?? null, score, locale },
      `ces-${message.id}`,
    );
    inputRef.current?.focus();
  }

  function giveCsat(score: number) {
    if (!ticket) return;
    window.localStorage.setItem(csatKey(ticket.number), String(score));
    outbox().enqueue('/conversations/{conversation}/csat', { score }, `csat-${ticket.number}`);
    ticketRef.current = { ...ticket, csat: score };
    setTicket(ticketRef.current);
  }

  /** The model a turn was answered from: the page's, or another locale's. */
  function modelOfTurn(turn: AssistantTurn): AssistantModel | undefined {
    return (turn.locale && turn.locale !== locale ? otherModels[turn.locale] : model) ?? undefined;
  }

  /**
   * Finds each waiting turn's closest phrasing for the transcript: fetches the
   * phrasings of the models those turns came from (usually there already:
   * asked for when the form opened), waiting at most {@link PHRASINGS_WAIT_MS}.
   * Without them the explanation names no phrasing; the hand-off goes anyway.
   */
  async function phrasingFinder(current: Chat) {
    const sources = new Set(current.messages.flatMap((m) => (m.turn?.ranked !== undefined ? [modelOfTurn(m.turn)] : [])));
    const found = new Map<AssistantModel, Map<string, string[]>>();
    await Promise.all(
      [...sources].map(async (source) => {
        if (!source) return;
        const timeout = new Promise<null>((resolve) => window.setTimeout(() => resolve(null), PHRASINGS_WAIT_MS));
        const phrasings = await Promise.race([fetchPhrasings(source).catch(() => null), timeout]);
        if (phrasings) found.set(source, phrasings);
      }),
    );
    return (turn: AssistantTurn & { articleId: string; ranked: string }) => {
      const source = modelOfTurn(turn);
      const phrasings = source && found.get(source);
      return source && phrasings ? closestPhrasingOf(source, turn.articleId, phrasings.get(turn.articleId) ?? [], turn.ranked) : undefined;
    };
  }

  async function sendHandoff(form: HandoffDraft): Promise<boolean> {
    if (chatRef.current.handoff) return true;
    const files = await uploadPicked();
    if (!files) return false;
    const find = await phrasingFinder(chatRef.current);
    const current = withPhrasings(chatRef.current, find);
    if (current.handoff) return true;
    const handoff = { email: form.email, ...(form.name ? { name: form.name } : {}) };
    // One key per hand-off of this chat (a second one after a closed ticket gets its own); a double click finds `handoff` set.
    const key = `handoff-${current.messages.at(-1)?.id ?? newKey()}`;
    outbox().enqueue(
      '/conversations/{conversation}/handoff',
      {
        email: form.email,
        ...(form.name ? { name: form.name } : {}),
        message: form.message,
        locale,
        transcript: transcriptOf(current),
        context: handoffContext(),
        ...(files.length > 0 ? { attachments: files.map((f) => f.id) } : {}),
      } satisfies HandoffBody,
      key,
    );
    setPending(pendingKeys());
    setChat(
      addMessage({ ...current, handoff }, { from: 'system', text: t.handoffQueued, kind: 'handoff', outboxKey: key, ...(files.length > 0 ? { files } : {}) }),
    );
    setPicked([]);
    showHandoffForm(false);
    setHandoffDraft(EMPTY_DRAFT);
    window.sessionStorage.removeItem(HANDOFF_DRAFT_KEY);
    window.setTimeout(() => inputRef.current?.focus());
    return true;
  }

  function restart() {
    // The outbox is left alone: what waits there still goes out, the conversation (and its ticket) stays known.
    const closedTicket = ticket?.status === 'closed';
    let next = startOver(chatRef.current, closedTicket);
    if (next.earlierTicket?.ticketNumber) next = addMessage(next, { from: 'system', text: t.chatTicketKept(next.earlierTicket.ticketNumber) });
    if (!next.earlierTicket) {
      ticketRef.current = null;
      setTicket(null);
    }
    setChat(next);
    setConfirmRestart(false);
    showHandoffForm(false);
    window.setTimeout(() => inputRef.current?.focus());
  }

  /** The text of a line that follows the state: the hand-off, from queued to passed on. */
  function textOf(message: ChatMessage): string {
    if (message.kind !== 'handoff') return message.text;
    if (chat.handoff?.ticketNumber) return t.handoffSent(chat.handoff.ticketNumber);
    if (message.outboxKey && pending.has(message.outboxKey)) return online ? t.handoffSending : t.handoffQueued;
    return t.handoffSending;
  }

  /** "Not sent" and what to do: try again, or, refused because the ticket was closed, send it as a new question. */
  function notSentOf(message: ChatMessage) {
    const key = message.outboxKey;
    const status = key ? notSent.get(key) : undefined;
    if (!key || status === undefined) return undefined;
    const number = ticket?.number ?? linkedTicket(chat)?.ticketNumber ?? '';
    if (status === 409 && message.from === 'customer') {
      return {
        label: t.chatNotDeliveredClosed(number),
        retryLabel: t.chatSendAsNew,
        onRetry: () => {
          outbox().forget(key);
          setNotSent(
            new Map(
              outbox()
                .rejected()
                .map((item) => [item.key, item.status]),
            ),
          );
          continueAfterClosed(message.text, number, message.id);
        },
      };
    }
    return { label: t.chatNotSent, retryLabel: t.chatRetry, onRetry: () => retry(key) };
  }

  const withTeam = chat.handoff !== undefined;
  const closedTicket = withTeam && ticket?.status === 'closed';
  // A field's maxLength cut a pasted message without a word (3,000 characters became 500); now it is all kept and
  // the customer is told: a reply to the team takes what the API takes, a question what the assistant reads.
  const toTeam = withTeam && !closedTicket;
  const draftTooLong = draft.trim().length > (toTeam ? MAX_MESSAGE_LENGTH : MAX_QUESTION_LENGTH);
  const offered = handoffOffered(chat);
  // The effort question follows the exchange about its answer (see feedbackHosts).
  const feedbackHost = feedbackHosts(chat);
  const hostedAnswers = new Set([...feedbackHost.values()].map((answer) => answer.id));
  const lastOffer = offered ? [...chat.messages].reverse().find((m) => m.from === 'assistant' && m.turn?.offerHandoff)?.id : undefined;
  const solved = ticket !== null && linkedTicket(chat) !== undefined && (ticket.status === 'solved' || ticket.status === 'closed');
  // The solved notice and its question arrive without a new message: bring them into view too.
  useEffect(() => {
    if (solved) logRef.current?.scrollTo({ top: logRef.current.scrollHeight });
  }, [solved, open]);
  const csatGiven = ticket ? (ticket.csat ?? (Number(window.localStorage.getItem(csatKey(ticket.number))) || null)) : null;
  const newest = unread[unread.length - 1];
  const preview = newest ? `${newest.author ?? t.agentSays}: ${newest.text.length > 80 ? `${newest.text.slice(0, 80)}…` : newest.text}` : '';

  return (
    <div ref={rootRef} className="chat" onClickCapture={guard.click} onPointerDownCapture={guard.down} onKeyDownCapture={guard.key}>
      <Launcher
        label={t.chatOpen}
        arriving={t.chatArriving}
        cannotArrive={t.chatCannotArrive}
        homeUrl={homeUrl}
        open={open}
        onToggle={() => (open ? close() : openChat())}
        buttonRef={launcherRef}
        unread={unread.length}
        unreadLabel={t.chatUnread(unread.length)}
        preview={preview}
      />
      {open && (
        <div
          ref={dialogRef}
          className="chat-dialog"
          role="dialog"
          aria-modal="true"
          aria-labelledby="chat-title"
          aria-describedby={withTeam ? 'chat-subtitle' : undefined}
          onKeyDown={onDialogKeyDown}
          onClick={onDialogClick}
        >
          <div className="chat-head">
            <h2 id="chat-title">{withTeam ? t.chatTitleTeam : t.chatTitle}</h2>
            <button ref={restartRef} type="button" onClick={() => setConfirmRestart(true)} aria-expanded={confirmRestart}>
              {t.chatRestart}
            </button>
            <button type="button" onClick={close} aria-label={t.chatClose}>
              ×
            </button>
            {withTeam && (
              <p id="chat-subtitle">
                {t.chatReplyTime(replyWithinHours)} {workingHours}
              </p>
            )}
          </div>
          <div ref={logRef} className="chat-log" role="log" aria-live="polite" aria-relevant="additions">
            <ol className="chat-messages">
              <li className="from-assistant">{t.chatIntro}</li>
              {chat.messages.map((message) => {
                // The effort question of an answer may show under a later line (feedbackHosts).
                const about = feedbackHost.get(message.id) ?? message;
                return (
                  <MessageItem
                    key={message.id}
                    message={message}
                    locale={locale}
                    text={textOf(message)}
                    article={(id) => article(id, message.turn?.locale)}
                    choices={(message.turn?.offered.length ?? 0) > 0 && !movedOn(chat, message.id)}
                    feedback={hostedAnswers.has(message.id) ? 'none' : feedbackStep(chat, about)}
                    offerPerson={message.id === lastOffer && !handoffForm}
                    waiting={message.outboxKey && message.kind !== 'handoff' && pending.has(message.outboxKey) ? (online ? t.chatSending : t.chatWaiting) : ''}
                    notSent={notSentOf(message)}
                    onPick={(id) => pick(message, id)}
                    onNone={() => noneOfThese(message)}
                    onHelpful={(helpful) => giveHelpful(about, helpful)}
                    onCes={(score) => giveCes(about, score)}
                    onPerson={askPerson}
                    filesAt={`/api/conversations/${outbox().conversation()?.id ?? ''}/attachments/`}
                    onDownload={(file) => {
                      const auth = outbox().conversation();
                      if (auth) void downloadFile(auth, file).then((saved) => setDownloadFailed(saved ? '' : t.attachDownloadFailed(file.name)));
                    }}
                  />
                );
              })}
              {solved && (
                <li className="from-system chat-solved">
                  <p>{withWholeTicketNumbers(ticket?.status === 'closed' ? t.ticketClosed(ticket.number) : t.ticketSolved)}</p>
                  {csatGiven === null ? (
                    <Scale legend={t.csatQuestion} low={t.csatLow} high={t.csatHigh} onScore={giveCsat} />
                  ) : (
                    <p role="status">{`${t.csatThanks} ${t.csatGiven(csatGiven)}`}</p>
                  )}
                </li>
              )}
            </ol>
          </div>
          {downloadFailed && (
            <p className="chat-alert" role="alert">
              {downloadFailed}
            </p>
          )}
          {linkNotice && (
            <p className="chat-alert" role={linkNotice === t.chatLinkOpening ? 'status' : 'alert'}>
              {linkNotice}
            </p>
          )}
          {/* Offline with the model here, the assistant still answers (it runs in this browser): saying it cannot search then was untrue. */}
          {(modelFailed || (!online && !model)) && !withTeam && (
            <p className="chat-alert" role="alert">
              {online ? t.chatLoadFailed : t.chatOffline}
            </p>
          )}
          {!model && !modelFailed && online && !withTeam && unansweredQuestions(chat).length > 0 && (
            <p className="chat-status" role="status">
              {t.chatLookingUp}
            </p>
          )}
          {confirmRestart ? (
            // biome-ignore lint/a11y/useSemanticElements: a question with two answers, not a form; a fieldset would add a legend and a border for nothing.
            <div className="chat-foot chat-confirm" role="group" aria-labelledby="chat-restart-q">
              <p id="chat-restart-q">{t.chatRestartConfirm}</p>
              <div className="chat-actions">
                <button type="button" className="primary" onClick={restart}>
                  {t.chatRestartYes}
                </button>
                <button
                  type="button"
                  // biome-ignore lint/a11y/noAutofocus: the customer just pressed "start over"; the safe answer takes the focus, as in a dialog (beside the attribute: the formatter puts each on its own line).
                  autoFocus
                  onClick={() => {
                    setConfirmRestart(false);
                    restartRef.current?.focus();
                  }}
                >
                  {t.chatRestartNo}
                </button>
              </div>
            </div>
          ) : handoffForm ? (
            <div className="chat-foot">
              <HandoffForm
                chat={chat}
                locale={locale}
                draft={handoffDraft}
                onDraft={saveHandoffDraft}
                onSend={sendHandoff}
                attach={attach('handoff-attach')}
                busy={uploading}
                onCancel={() => {
                  showHandoffForm(false);
                  window.setTimeout(() => inputRef.current?.focus());
                }}
              />
            </div>
          ) : (
            <form
              className="chat-foot chat-input"
              onSubmit={(event) => {
                event.preventDefault();
                // Too long: nothing is sent or cut; the line under the field says so and the text stays to shorten.
                if (draftTooLong) {
                  inputRef.current?.focus();
                  return;
                }
                void ask(draft).then((sent) => sent && setDraft(''));
              }}
            >
              {/* To a closed ticket nobody replies any more: what is written becomes a new question. */}
              <label htmlFor="chat-q" className="sr-only">
                {withTeam && !closedTicket ? t.replyToAgent : t.chatInputLabel}
              </label>
              {/* A text area of one row, not an input: a pasted message keeps its line breaks (an input made them spaces). */}
              <textarea
                ref={inputRef}
                id="chat-q"
                rows={1}
                autoComplete="off"
                // A phone's keyboard labels its Enter key "Send" (a text area's would show a new line, yet Enter sends).
                enterKeyHint="send"
                aria-invalid={draftTooLong || undefined}
                aria-describedby={draftTooLong ? 'chat-q-long' : undefined}
                placeholder={withTeam && !closedTicket ? t.replyPlaceholder : t.chatInputPlaceholder}
                value={draft}
                onInput={(event) => setDraft(event.currentTarget.value)}
                onKeyDown={(event) => {
                  // Enter sends, as in the one-line box it was; Shift+Enter starts a new line; an IME's Enter picks its word.
                  // (Preact hands the DOM's own event; the React types it is checked with lack `isComposing`.)
                  if (event.key !== 'Enter' || event.shiftKey || (event as unknown as KeyboardEvent).isComposing) return;
                  event.preventDefault();
                  event.currentTarget.form?.requestSubmit();
                }}
              />
              <button type="submit" disabled={uploading} aria-busy={uploading || undefined}>
                {t.chatSend}
              </button>
              {draftTooLong && (
                <p id="chat-q-long" className="chat-too-long" role="alert">
                  {toTeam ? t.messageTooLong(MAX_MESSAGE_LENGTH) : t.questionTooLong(MAX_QUESTION_LENGTH)}
                </p>
              )}
              {withTeam && !closedTicket && attach('reply-attach')}
              {uploading && <span role="status">{t.attachSending}</span>}
              {!withTeam && !offered && (
                <button type="button" className="link" onClick={askPerson}>
                  {t.chatTalkToPerson}
                </button>
              )}
            </form>
          )}
        </div>
      )}
    </div>
  );
}
