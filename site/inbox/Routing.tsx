/**
 * The routing screen (/agent/routing/): agents' status and cap, teams and
 * their members, and the rules in the order they are tried. Admins change
 * everything; an agent sets their own status. Nothing typed is thrown away
 * on an error, and a button is disabled while its request runs, so a double
 * click sends once.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Locale } from '#core/locale.ts';
import { AgentShell, type ShellText } from '../agent/AgentShell.tsx';
import { type Agent, ApiError } from './api.ts';
import { isNetworkError } from './errors.ts';
import { NoticeSetting } from './NoticeSetting.tsx';
import { type AgentStatus, type RoutingOverview, type RoutingRule, routingApi } from './routing-api.ts';
import { routingText } from './routing-strings.ts';
import { inboxText } from './strings.ts';

/** A category as the rule form offers it. */
export interface CategoryChoice {
  id: string;
  name: { nl: string; en: string };
}

function shellText(locale: Locale): ShellText {
  const t = routingText(locale);
  const inbox = inboxText(locale);
  return {
    title: t.title,
    signedOutTitle: inbox.loginTitle,
    language: inbox.language,
    link: { href: '/agent/', label: inbox.title },
    more: [{ href: '/agent/reports/', label: inbox.reports }],
    signOut: inbox.logout,
  };
}

export default function Routing({ locale, categories }: { locale: Locale; categories: readonly CategoryChoice[] }) {
  return (
    <AgentShell locale={locale} className="routing" text={shellText}>
      {(agent, current) => <RoutingView agent={agent} locale={current} categories={categories} />}
    </AgentShell>
  );
}

/** Why a change failed, in the agent's language; the form keeps what was typed. */
function errorText(error: unknown, locale: Locale): string {
  const t = routingText(locale);
  if (isNetworkError(error)) return t.errorOffline;
  if (!(error instanceof ApiError)) return t.errorFailed(0);
  if (error.status === 401) return t.errorSignedOut;
  if (error.status === 409 && error.field === 'name') return t.errorTeamName;
  if (error.status === 409) return t.errorTeamInUse;
  if ((error.status === 400 || error.status === 422) && error.field) return t.fieldError(fieldLabel(error.field, locale));
  return t.errorFailed(error.status);
}

function fieldLabel(field: string, locale: Locale): string {
  const t = routingText(locale);
  const root = field.split('.')[0];
  const labels: Record<string, string> = {
    name: t.ruleName,
    teamId: t.team,
    locale: t.locale,
    categoryId: t.category,
    keywords: t.keywords,
    memberIds: t.members,
    openTicketCap: t.cap,
    status: t.status,
  };
  return labels[root ?? ''] ?? field;
}

function RoutingView({ agent, locale, categories }: { agent: Agent; locale: Locale; categories: readonly CategoryChoice[] }) {
  const t = routingText(locale);
  const [overview, setOverview] = useState<RoutingOverview | null>(null);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const isAdmin = agent.role === 'admin';

  const refresh = useCallback(() => routingApi.overview().then(setOverview, (e: unknown) => setNotice({ text: errorText(e, locale), error: true })), [locale]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  /** Runs one change; resolves true when it worked (so a form may clear itself). */
  // A ref, not only the state: two clicks before the next render must not both send.
  const inFlight = useRef(false);
  const change = async (work: () => Promise<unknown>): Promise<boolean> => {
    if (inFlight.current) return false;
    inFlight.current = true;
    setBusy(true);
    try {
      await work();
      setNotice({ text: t.saved, error: false });
      await refresh();
      return true;
    } catch (e) {
      setNotice({ text: errorText(e, locale), error: true });
      return false;
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  if (!overview)
    return (
      <main className="routing-body">
        {notice ? (
          <p role="alert" className="error">
            {notice.text}
          </p>
        ) : (
          <p role="status">…</p>
        )}
      </main>
    );
  const categoryName = (id: string | null) => (id === null ? null : (categories.find((c) => c.id === id)?.name[locale] ?? id));
  return (
    <main className="routing-body">
      <p>{t.intro}</p>
      {!isAdmin && <p className="muted">{t.onlyAdmins}</p>}
      <p aria-live="polite" role={notice?.error ? 'alert' : 'status'} className={notice?.error ? 'error' : 'muted'}>
        {notice?.text ?? ''}
      </p>

      <NoticeSetting locale={locale} />

      <section aria-labelledby="routing-rules">
        <h2 id="routing-rules">{t.rules}</h2>
        <p className="muted">{t.rulesHint}</p>
        {overview.rules.length === 0 ? (
          <p>{t.noRules}</p>
        ) : (
          <ol className="routing-rules">
            {overview.rules.map((rule, index) => (
              <li key={rule.id}>
                <strong>{rule.name}</strong> <span>{t.ruleSummary(conditionsOf(rule, locale, categoryName), rule.team.name)}</span>
                {isAdmin && (
                  <span className="routing-actions">
                    <label>
                      <input
                        type="checkbox"
                        checked={rule.enabled}
                        disabled={busy}
                        onChange={(e) => void change(() => routingApi.updateRule(rule.id, { enabled: e.target.checked }))}
                      />{' '}
                      {t.enabled}
                    </label>
                    <button
                      type="button"
                      aria-label={t.moveUp(rule.name)}
                      disabled={busy || index === 0}
                      onClick={() => void change(() => swap(overview.rules, index, index - 1))}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      aria-label={t.moveDown(rule.name)}
                      disabled={busy || index === overview.rules.length - 1}
                      onClick={() => void change(() => swap(overview.rules, index, index + 1))}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      aria-label={t.deleteRule(rule.name)}
                      disabled={busy}
                      onClick={() => void change(() => routingApi.deleteRule(rule.id))}
                    >
                      ✕
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ol>
        )}
        {isAdmin && (
          <RuleForm locale={locale} overview={overview} categories={categories} busy={busy} onSubmit={(rule) => change(() => routingApi.createRule(rule))} />
        )}
      </section>

      <section aria-labelledby="routing-agents">
        <h2 id="routing-agents">{t.agents}</h2>
        <div className="routing-table">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.agentName}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.cap}</th>
                <th scope="col">{t.openTickets}</th>
              </tr>
            </thead>
            <tbody>
              {overview.agents.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.name}</th>
                  <td>
                    <select
                      aria-label={t.statusOf(a.name)}
                      value={a.status}
                      disabled={busy || (!isAdmin && a.id !== agent.id)}
                      onChange={(e) => void change(() => routingApi.setAgent(a.id, { status: e.target.value as AgentStatus }))}
                    >
                      <option value="available">{t.available}</option>
                      <option value="away">{t.away}</option>
                    </select>
                  </td>
                  <td>
                    {isAdmin ? (
                      <CapForm
                        key={`${a.id}-${a.openTicketCap}`}
                        name={a.name}
                        cap={a.openTicketCap}
                        locale={locale}
                        busy={busy}
                        onSave={(cap) => change(() => routingApi.setAgent(a.id, { openTicketCap: cap }))}
                      />
                    ) : (
                      (a.openTicketCap ?? t.noCap)
                    )}
                  </td>
                  <td>{a.openTickets}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="routing-teams">
        <h2 id="routing-teams">{t.teams}</h2>
        {overview.teams.length === 0 && <p>{t.noTeams}</p>}
        {overview.teams.map((team) => (
          <fieldset key={team.id} className="routing-team">
            <legend>{team.name}</legend>
            <div className="routing-members">
              {overview.agents.map((a) => {
                const member = team.members.some((m) => m.id === a.id);
                return (
                  <label key={a.id}>
                    <input
                      type="checkbox"
                      checked={member}
                      disabled={busy || !isAdmin}
                      onChange={() =>
                        void change(() =>
                          routingApi.setMembers(
                            team.id,
                            member ? team.members.filter((m) => m.id !== a.id).map((m) => m.id) : [...team.members.map((m) => m.id), a.id],
                          ),
                        )
                      }
                    />{' '}
                    {a.name}
                  </label>
                );
              })}
            </div>
            {isAdmin && (
              <button type="button" disabled={busy} onClick={() => void change(() => routingApi.deleteTeam(team.id))}>
                {t.deleteTeam(team.name)}
              </button>
            )}
          </fieldset>
        ))}
        {isAdmin && (
          <TeamForm locale={locale} busy={busy} agents={overview.agents} onSubmit={(name, memberIds) => change(() => routingApi.createTeam(name, memberIds))} />
        )}
      </section>
    </main>
  );
}

/** Swaps the positions of two rules (renumbered by tens first, so equal positions cannot stall a move). */
async function swap(rules: readonly RoutingRule[], from: number, to: number): Promise<void> {
  const order = rules.map((r) => r.id);
  const [moved] = order.splice(from, 1);
  if (moved === undefined) return;
  order.splice(to, 0, moved);
  for (const [index, id] of order.entries()) {
    const position = (index + 1) * 10;
    if (rules.find((r) => r.id === id)?.position !== position) await routingApi.updateRule(id, { position });
  }
}

function conditionsOf(rule: RoutingRule, locale: Locale, categoryName: (id: string | null) => string | null): string {
  const t = routingText(locale);
  const parts = [rule.locale?.toUpperCase(), categoryName(rule.categoryId), rule.keywords.length > 0 ? t.words(rule.keywords.join(', ')) : undefined].filter(
    (p): p is string => typeof p === 'string' && p !== '',
  );
  return parts.length > 0 ? parts.join(' · ') : t.anyTicket;
}

function RuleForm({
  locale,
  overview,
  categories,
  busy,
  onSubmit,
}: {
  locale: Locale;
  overview: RoutingOverview;
  categories: readonly CategoryChoice[];
  busy: boolean;
  onSubmit: (rule: Parameters<typeof routingApi.createRule>[0]) => Promise<boolean>;
}) {
  const t = routingText(locale);
  const id = useId();
  const [name, setName] = useState('');
  const [teamId, setTeamId] = useState('');
  const [ruleLocale, setRuleLocale] = useState<'' | 'nl' | 'en'>('');
  const [categoryId, setCategoryId] = useState('');
  const [keywords, setKeywords] = useState('');
  const [missing, setMissing] = useState('');
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return setMissing(t.errorRequired(t.ruleName));
    if (teamId === '') return setMissing(t.errorRequired(t.team));
    setMissing('');
    const words = keywords
      .split(',')
      .map((w) => w.trim())
      .filter((w) => w !== '');
    const done = await onSubmit({
      name: name.trim(),
      teamId,
      locale: ruleLocale === '' ? null : ruleLocale,
      categoryId: categoryId === '' ? null : categoryId,
      keywords: words,
    });
    if (done) {
      setName('');
      setKeywords('');
    }
  };
  return (
    <form className="routing-form" onSubmit={(e) => void submit(e)} noValidate>
      <label>
        {t.ruleName}
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required aria-invalid={missing !== '' && name.trim() === ''} />
      </label>
      <label htmlFor={`${id}-team`}>{t.team}</label>
      <select id={`${id}-team`} value={teamId} onChange={(e) => setTeamId(e.target.value)} required>
        <option value="">{t.chooseTeam}</option>
        {overview.teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-locale`}>{t.locale}</label>
      <select id={`${id}-locale`} value={ruleLocale} onChange={(e) => setRuleLocale(e.target.value as '' | 'nl' | 'en')}>
        <option value="">{t.anyLocale}</option>
        <option value="nl">Nederlands</option>
        <option value="en">English</option>
      </select>
      <label htmlFor={`${id}-category`}>{t.category}</label>
      <select id={`${id}-category`} value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
        <option value="">{t.anyCategory}</option>
        {categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name[locale]}
          </option>
        ))}
      </select>
      <label>
        {t.keywords}
        <input value={keywords} onChange={(e) => setKeywords(e.target.value)} aria-describedby="keywords-hint" />
      </label>
      <small id="keywords-hint" className="muted">
        {t.keywordsHint}
      </small>
      {missing && (
        <p role="alert" className="error">
          {missing}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t.addRule}
      </button>
    </form>
  );
}

function TeamForm({
  locale,
  busy,
  agents,
  onSubmit,
}: {
  locale: Locale;
  busy: boolean;
  agents: RoutingOverview['agents'];
  onSubmit: (name: string, memberIds: string[]) => Promise<boolean>;
}) {
  const t = routingText(locale);
  const [name, setName] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const [missing, setMissing] = useState('');
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return setMissing(t.errorRequired(t.teamName));
    setMissing('');
    if (await onSubmit(name.trim(), members)) {
      setName('');
      setMembers([]);
    }
  };
  return (
    <form className="routing-form" onSubmit={(e) => void submit(e)} noValidate>
      <label>
        {t.teamName}
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required aria-invalid={missing !== ''} />
      </label>
      <fieldset>
        <legend>{t.members}</legend>
        {agents.map((a) => (
          <label key={a.id}>
            <input
              type="checkbox"
              checked={members.includes(a.id)}
              onChange={(e) => setMembers(e.target.checked ? [...members, a.id] : members.filter((id) => id !== a.id))}
            />{' '}
            {a.name}
          </label>
        ))}
      </fieldset>
      {missing && (
        <p role="alert" className="error">
          {missing}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t.addTeam}
      </button>
    </form>
  );
}

function CapForm({
  name,
  cap,
  locale,
  busy,
  onSave,
}: {
  name: string;
  cap: number | null;
  locale: Locale;
  busy: boolean;
  onSave: (cap: number | null) => Promise<boolean>;
}) {
  const t = routingText(locale);
  const [value, setValue] = useState(cap === null ? '' : String(cap));
  return (
    <form
      className="routing-cap"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(value.trim() === '' ? null : Number(value));
      }}
    >
      <input
        type="number"
        min={0}
        max={1000}
        inputMode="numeric"
        aria-label={t.capOf(name)}
        placeholder={t.noCap}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" disabled={busy}>
        {t.saveCap}
      </button>
    </form>
  );
}
