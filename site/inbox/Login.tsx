/**
 * The staff sign-in form, shared by the inbox and the reports: on success the
 * API sets the session cookie and `onLogin` gets the agent.
 */
import { useState } from 'react';
import type { Locale } from '#core/locale.ts';
import { type Agent, ApiError, agentApi } from './api.ts';
import { inboxText } from './strings.ts';

export function Login({ locale, onLogin }: { locale: Locale; onLogin: (agent: Agent) => void }) {
  const t = inboxText(locale);
  const [error, setError] = useState('');
  return (
    <form
      className="inbox-login"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        agentApi.login(String(data.get('email')), String(data.get('password'))).then(
          (result) => onLogin(result.agent),
          (e: unknown) => setError(e instanceof ApiError && e.status === 429 ? t.tooManyAttempts : t.loginFailed),
        );
      }}
    >
      <label htmlFor="login-email">{t.email}</label>
      {/* biome-ignore lint/a11y/noAutofocus: the sign-in page has one thing to do; agents start typing at once. */}
      <input id="login-email" name="email" type="email" autoComplete="username" required autoFocus />
      <label htmlFor="login-password">{t.password}</label>
      <input id="login-password" name="password" type="password" autoComplete="current-password" required />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit">{t.login}</button>
    </form>
  );
}
