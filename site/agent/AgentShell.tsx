/**
 * The frame of the agents' tools (inbox and reports): one sign-in and
 * session, one language choice for both (kept in localStorage), the header
 * with the link to the other tool and "sign out". The tool itself renders
 * only for a signed-in agent.
 */
import { type ReactNode, useEffect, useState } from 'react';
import type { Locale } from '#core/locale.ts';
import { type Agent, agentApi } from '../inbox/api.ts';
import { Login } from '../inbox/Login.tsx';

/** Where the agents' language choice is kept: one setting for both tools. */
const LOCALE_KEY = 'wegwijs.inbox.locale';

/** The shell's words, in the page's language. */
export interface ShellText {
  /** The tool's heading. */
  title: string;
  /** The heading while signed out. */
  signedOutTitle: string;
  /** Accessible name of the language choice. */
  language: string;
  /** The link to the other tool. */
  link: { href: string; label: string };
  /** Links to further agent pages (routing, teaching), after it. */
  more?: readonly { href: string; label: string }[];
  signOut: string;
}

export interface AgentShellProps {
  /** The page's language until the agent's saved choice is read. */
  locale: Locale;
  /** Extra class on the frame (the inbox's styles apply to both). */
  className?: string;
  text: (locale: Locale) => ShellText;
  /** The tool, for a signed-in agent. */
  children: (agent: Agent, locale: Locale) => ReactNode;
}

export function AgentShell({ locale: initialLocale, className, text, children }: AgentShellProps) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [agent, setAgent] = useState<Agent | null | 'loading'>('loading');
  const t = text(locale);

  useEffect(() => {
    const saved = window.localStorage.getItem(LOCALE_KEY);
    if (saved === 'nl' || saved === 'en') setLocale(saved);
    agentApi.session().then(setAgent, () => setAgent(null));
  }, []);

  const switchLocale = (next: Locale) => {
    window.localStorage.setItem(LOCALE_KEY, next);
    setLocale(next);
  };

  return (
    <div className={className ? `inbox ${className}` : 'inbox'} lang={locale}>
      <header className="inbox-head">
        <h1>{agent === null ? t.signedOutTitle : t.title}</h1>
        {agent !== 'loading' && (
          <label>
            <span className="sr-only">{t.language}</span>
            <select value={locale} onChange={(e) => switchLocale(e.target.value as Locale)}>
              <option value="nl">Nederlands</option>
              <option value="en">English</option>
            </select>
          </label>
        )}
        {agent && agent !== 'loading' && (
          <>
            <nav aria-label={t.title}>
              <a href={t.link.href}>{t.link.label}</a>
              {t.more?.map((link) => (
                <a key={link.href} href={link.href}>
                  {link.label}
                </a>
              ))}
            </nav>
            <span>{agent.name}</span>
            <button type="button" onClick={() => agentApi.logout().finally(() => setAgent(null))}>
              {t.signOut}
            </button>
          </>
        )}
      </header>
      {agent === 'loading' ? <p role="status">…</p> : agent ? children(agent, locale) : <Login locale={locale} onLogin={setAgent} />}
    </div>
  );
}
