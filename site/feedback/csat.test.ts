import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendCsat } from './csat.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A real HTTP server answering `status`, recording the bodies it got. */
async function api(status: number) {
  const bodies: unknown[] = [];
  const server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    bodies.push({ path: req.url, body: JSON.parse(raw) });
    res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { bodies, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api` };
}

describe('sendCsat', () => {
  it('posts the token and score and reports success', async () => {
    const server = await api(201);
    expect(await sendCsat(fetch, 'tok-123', 4, server.base)).toBe('saved');
    expect(server.bodies).toEqual([{ path: '/api/csat', body: { token: 'tok-123', score: 4 } }]);
    expect(await sendCsat(fetch, 'tok-123', 5, (await api(200)).base)).toBe('saved');
  });

  it('tells an unknown link from a passing failure', async () => {
    expect(await sendCsat(fetch, 'nope', 3, (await api(404)).base)).toBe('unknown');
    expect(await sendCsat(fetch, 'tok', 3, (await api(503)).base)).toBe('failed');
    expect(await sendCsat(fetch, 'tok', 3, 'http://127.0.0.1:9/api')).toBe('failed');
  });
});
