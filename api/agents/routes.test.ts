import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions } from '../db/tables.ts';
import { sha256Hex } from '../http/tokens.ts';
import { CHEAP_COST, createTestAgent, NO_LIMITS, testApp, type TestAgent } from '../test/app.ts';
import { describeOnDatabases } from '../test/database.ts';
import { setAgentDisabled, setAgentPassword } from './service.ts';
import { SESSION_COOKIE } from './sessions.ts';

const JSON_CSRF = { 'content-type': 'application/json', 'x-requested-with': 'wegwijs' };

/** The cookie's value from a Set-Cookie header. */
function sessionFrom(res: Response): string {
  const match = new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(res.headers.get('Set-Cookie') ?? '');
  if (!match?.[1]) throw new Error(`no session cookie in ${res.headers.get('Set-Cookie')}`);
  return match[1];
}

describeOnDatabases('signing in and out', (database) => {
  const setup = (config = {}) => testApp(database(), config).app;
  const login = (app: ReturnType<typeof setup>, body: unknown, headers: Record<string, string> = JSON_CSRF, url = 'http://localhost/api/agent/login') =>
    app.request(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const me = (app: ReturnType<typeof setup>, session: string) => app.request('/api/agent/me', { headers: { cookie: `${SESSION_COOKIE}=${session}` } });
  const signIn = async (app: ReturnType<typeof setup>, agent: TestAgent) => sessionFrom(await login(app, { email: agent.email, password: agent.password }));

  describe('POST /api/agent/login', () => {
    it('signs in with a session cookie that scripts cannot read and other sites cannot send', async () => {
      const app = setup();
      const agent = await createTestAgent(database(), { name: 'Sanne' });
      const res = await login(app, { email: `  ${agent.email.toUpperCase()} `, password: agent.password });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ agent: { id: agent.id, email: agent.email, name: 'Sanne', role: 'agent' } });
      const cookie = res.headers.get('Set-Cookie') ?? '';
      expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}; Path=/api; HttpOnly; SameSite=Strict$`));
      const session = sessionFrom(res);
      // Stored as a hash only.
      const [row] = await database()
        .db.select()
        .from(sessions)
        .where(eq(sessions.idHash, sha256Hex(session)));
      expect(row?.agentId).toBe(agent.id);
      expect(row!.expiresAt.getTime() - Date.now()).toBeGreaterThan(11 * 3_600_000);
      expect(JSON.stringify(await database().db.select().from(sessions))).not.toContain(session);
      expect(await (await me(app, session)).json()).toEqual({ id: agent.id, email: agent.email, name: 'Sanne', role: 'agent' });
    });

    it('marks the cookie Secure over HTTPS, and behind a trusted proxy that says HTTPS', async () => {
      const agent = await createTestAgent(database());
      const direct = await login(setup(), { email: agent.email, password: agent.password }, JSON_CSRF, 'https://help.example/api/agent/login');
      expect(direct.headers.get('Set-Cookie')).toContain('; Secure');
      const proxied = await login(setup({ trustProxy: 1 }), { email: agent.email, password: agent.password }, { ...JSON_CSRF, 'x-forwarded-proto': 'https' });
      expect(proxied.headers.get('Set-Cookie')).toContain('; Secure');
      const untrusted = await login(setup(), { email: agent.email, password: agent.password }, { ...JSON_CSRF, 'x-forwarded-proto': 'https' });
      expect(untrusted.headers.get('Set-Cookie')).not.toContain('Secure');
    });

    it('marks the cookie Secure behind a TLS proxy it does not trust when SITE_URL is https, or COOKIE_SECURE=always', async () => {
      const agent = await createTestAgent(database());
      const body = { email: agent.email, password: agent.password };
      expect((await login(setup({ siteUrl: 'https://help.example' }), body)).headers.get('Set-Cookie')).toContain('; Secure');
      expect((await login(setup({ cookieSecure: 'always' }), body)).headers.get('Set-Cookie')).toContain('; Secure');
      expect((await login(setup({ siteUrl: 'http://localhost:4321' }), body)).headers.get('Set-Cookie')).not.toContain('Secure');
      const out = await setup({ siteUrl: 'https://help.example' }).request('/api/agent/logout', { method: 'POST', headers: JSON_CSRF });
      expect(out.headers.get('Set-Cookie')).toContain('; Secure');
    });

    it('answers 401 alike for a wrong password, an unknown address and a disabled agent', async () => {
      const app = setup();
      const agent = await createTestAgent(database());
      const disabled = await createTestAgent(database());
      await setAgentDisabled(database().db, disabled.email, true);
      for (const body of [
        { email: agent.email, password: 'niet het goede wachtwoord' },
        { email: `niemand.${randomUUID()}@duinwinkel.example`, password: agent.password },
        { email: disabled.email, password: disabled.password },
      ]) {
        const res = await login(app, body);
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({ error: { message: 'wrong e-mail address or password' } });
        expect(res.headers.get('Set-Cookie')).toBeNull();
      }
    });

    it('answers 403 without the CSRF header', async () => {
      const agent = await createTestAgent(database());
      const res = await login(setup(), { email: agent.email, password: agent.password }, { 'content-type': 'application/json' });
      expect(res.status).toBe(403);
      expect(res.headers.get('Set-Cookie')).toBeNull();
    });

    it.each([
      ['email', { password: 'x' }, 'email is required'],
      ['email', { email: '', password: 'x' }, 'email must not be empty'],
      ['password', { email: 'a@b.nl' }, 'password is required'],
      ['password', { email: 'a@b.nl', password: 'x'.repeat(257) }, 'password must be at most 256 characters'],
    ])('answers 400 naming %s for %j', async (field, body, message) => {
      const res = await login(setup(), body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { message, field } });
    });

    it('limits attempts per address and e-mail address: 429 with Retry-After, even for the right password', async () => {
      const app = setup({ rateLimits: { ...NO_LIMITS, loginPer15Minutes: 3 }, trustProxy: 1 });
      const agent = await createTestAgent(database());
      const other = await createTestAgent(database());
      const from = { ...JSON_CSRF, 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 250) + 1}` };
      for (let n = 0; n < 3; n++) expect((await login(app, { email: agent.email, password: 'fout fout fout' }, from)).status).toBe(401);
      const refused = await login(app, { email: agent.email, password: agent.password }, from);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(Number(refused.headers.get('Retry-After'))).toBeLessThanOrEqual(15 * 60);
      // Another e-mail address from the same place, and the same one from elsewhere, still get in.
      expect((await login(app, { email: other.email, password: other.password }, from)).status).toBe(200);
      expect((await login(app, { email: agent.email, password: agent.password }, { ...JSON_CSRF, 'x-forwarded-for': '198.51.100.77' })).status).toBe(200);
    });

    it('limits attempts per address over all e-mail addresses too (five times the limit)', async () => {
      const app = setup({ rateLimits: { ...NO_LIMITS, loginPer15Minutes: 1 }, trustProxy: 1 });
      const from = { ...JSON_CSRF, 'x-forwarded-for': `192.0.2.${Math.floor(Math.random() * 250) + 1}` };
      const agents = await Promise.all(Array.from({ length: 6 }, () => createTestAgent(database())));
      const statuses = [];
      for (const agent of agents) statuses.push((await login(app, { email: agent.email, password: agent.password }, from)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    });
  });

  describe('sessions', () => {
    it('ends on logout: 204, cookie removed, the session no longer works', async () => {
      const app = setup();
      const session = await signIn(app, await createTestAgent(database()));
      const res = await app.request('/api/agent/logout', {
        method: 'POST',
        headers: { cookie: `${SESSION_COOKIE}=${session}`, 'x-requested-with': 'wegwijs' },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('Set-Cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=; Max-Age=0; Path=/api; HttpOnly; SameSite=Strict`));
      expect((await me(app, session)).status).toBe(401);
      expect(
        await database()
          .db.select()
          .from(sessions)
          .where(eq(sessions.idHash, sha256Hex(session))),
      ).toEqual([]);
    });

    it('logout needs the CSRF header, so another site cannot sign an agent out', async () => {
      const app = setup();
      const session = await signIn(app, await createTestAgent(database()));
      expect((await app.request('/api/agent/logout', { method: 'POST', headers: { cookie: `${SESSION_COOKIE}=${session}` } })).status).toBe(403);
      expect((await me(app, session)).status).toBe(200);
    });

    it('answers 401 on /me without a session', async () => {
      const res = await setup().request('/api/agent/me');
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { message: 'sign in first (no valid session)' } });
    });

    it('answers /session with 200 either way: the agent when signed in, null without a valid session', async () => {
      const app = setup();
      const agent = await createTestAgent(database());
      const session = await signIn(app, agent);
      const asked = (cookie?: string) => app.request('/api/agent/session', cookie ? { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } } : {});
      const signedIn = await asked(session);
      expect(signedIn.status).toBe(200);
      expect(signedIn.headers.get('Cache-Control')).toBe('no-store');
      expect(await signedIn.json()).toEqual({ agent: { id: expect.any(String), email: agent.email, name: expect.any(String), role: 'agent' } });
      for (const cookie of [undefined, 'not-a-session']) {
        const res = await asked(cookie);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ agent: null });
      }
      // Signed out, it answers null, and the routes that need a session still refuse.
      await app.request('/api/agent/logout', { method: 'POST', headers: { cookie: `${SESSION_COOKIE}=${session}`, 'x-requested-with': 'wegwijs' } });
      expect(await (await asked(session)).json()).toEqual({ agent: null });
      expect((await me(app, session)).status).toBe(401);
    });

    it('expires when unused, and is kept alive by use', async () => {
      const app = setup();
      const session = await signIn(app, await createTestAgent(database()));
      const row = eq(sessions.idHash, sha256Hex(session));
      // Used ten minutes ago: this request moves the expiry forward.
      await database().db.update(sessions).set({ lastSeenAt: sql`now() - interval '10 minutes'`, expiresAt: sql`now() + interval '1 minute'` }).where(row);
      expect((await me(app, session)).status).toBe(200);
      const [touched] = await database().db.select().from(sessions).where(row);
      expect(touched!.expiresAt.getTime() - Date.now()).toBeGreaterThan(11 * 3_600_000);
      await database().db.update(sessions).set({ expiresAt: sql`now() - interval '1 second'` }).where(row);
      expect((await me(app, session)).status).toBe(401);
    });

    it('end when the agent is disabled or gets a new password', async () => {
      const app = setup();
      const agent = await createTestAgent(database());
      const first = await signIn(app, agent);
      await setAgentPassword(database().db, agent.email, 'een nieuw lang wachtwoord', CHEAP_COST);
      expect((await me(app, first)).status).toBe(401);
      const second = sessionFrom(await login(app, { email: agent.email, password: 'een nieuw lang wachtwoord' }));
      expect((await me(app, second)).status).toBe(200);
      await setAgentDisabled(database().db, agent.email, true);
      expect((await me(app, second)).status).toBe(401);
    });

    it('replaces the session on a new sign-in', async () => {
      const app = setup();
      const agent = await createTestAgent(database());
      const old = await signIn(app, agent);
      const res = await login(app, { email: agent.email, password: agent.password }, { ...JSON_CSRF, cookie: `${SESSION_COOKIE}=${old}` });
      expect(res.status).toBe(200);
      expect(sessionFrom(res)).not.toBe(old);
      expect((await me(app, old)).status).toBe(401);
    });
  });
});
