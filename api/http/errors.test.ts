import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../test/logger.ts';
import { requestId } from 'hono/request-id';
import { describeError } from '../log.ts';
import { handleErrors, INTERNAL_ERROR_MESSAGE, isApiPath } from './errors.ts';

function appThrowing(error: unknown) {
  const logger = recordingLogger();
  const app = new Hono();
  app.get('*', () => {
    throw error;
  });
  app.onError(handleErrors(logger));
  return { app, logger };
}

describe('handleErrors', () => {
  it('answers an unexpected error with a generic JSON 500 and logs the error itself', async () => {
    const error = new Error('relation "tickets" does not exist at 10.0.0.5');
    const { app, logger } = appThrowing(error);
    const res = await app.request('/api/tickets');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { message: INTERNAL_ERROR_MESSAGE } });
    expect(text).not.toContain('10.0.0.5');
    expect(text).not.toContain('errors.test.ts');
    expect(logger.lines).toEqual([{ level: 'error', message: 'GET /* (request -) failed', error }]);
  });

  it('logs the route, the request id and the error, never the query, the path or the body', async () => {
    const logger = recordingLogger();
    const app = new Hono();
    app.use(requestId({ generator: () => 'req-1' }));
    app.post('/api/conversations/:id/handoff', async (c) => {
      await c.req.json();
      throw new Error('Failed query: insert into tickets (customer_email) values ($1)\nparams: jan@example.nl,Jan Jansen');
    });
    app.onError(handleErrors(logger));
    const res = await app.request('/api/conversations/c-42/handoff?email=piet@example.nl', {
      method: 'POST',
      body: JSON.stringify({ email: 'kees@example.nl' }),
    });
    expect(res.status).toBe(500);
    expect(res.headers.get('X-Request-Id')).toBe('req-1');
    expect(logger.lines.map((l) => l.message)).toEqual(['POST /api/conversations/:id/handoff (request req-1) failed']);
    const written = describeError(logger.lines[0]?.error);
    expect(written).toMatch(/^Error: Failed query: insert into tickets \(customer_email\) values \(\$1\) \(parameters not logged\)\n\s+at /);
    expect(written).not.toMatch(/example\.nl|Jansen|c-42/);
  });

  it('logs a client that went away at info, not as an error', async () => {
    const logger = recordingLogger();
    const app = new Hono();
    const controller = new AbortController();
    app.get('/api/slow', () => {
      controller.abort();
      throw new Error('Client connection prematurely closed.');
    });
    app.onError(handleErrors(logger));
    const res = await app.request(new Request('http://localhost/api/slow', { signal: controller.signal }));
    expect(res.status).toBe(400);
    expect(logger.lines).toEqual([{ level: 'info', message: 'GET /api/slow (request -): the client closed the connection' }]);
  });

  it('answers in plain text outside /api', async () => {
    const { app } = appThrowing(new Error('boom'));
    const res = await app.request('/nl/');
    expect(res.status).toBe(500);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe(INTERNAL_ERROR_MESSAGE);
  });

  it('keeps the status and message of a client error, without logging it', async () => {
    const { app, logger } = appThrowing(new HTTPException(400, { message: 'Malformed JSON in request body' }));
    const res = await app.request('/api/signals');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { message: 'Malformed JSON in request body' } });
    expect(logger.lines).toEqual([]);
  });

  it('hides the message of a server-side HTTPException', async () => {
    const { app, logger } = appThrowing(new HTTPException(503, { message: 'pool exhausted on db-2' }));
    const res = await app.request('/api/x');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { message: INTERNAL_ERROR_MESSAGE } });
    expect(logger.lines).toHaveLength(1);
  });
});

describe('isApiPath', () => {
  it.each([
    ['/api', true],
    ['/api/', true],
    ['/api/health', true],
    ['/apify/', false],
    ['/nl/api/', false],
  ])('%s → %s', (path, expected) => {
    expect(isApiPath(path)).toBe(expected);
  });
});
