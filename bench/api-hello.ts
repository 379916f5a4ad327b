/**
 * The ceiling for `npm run bench:api`: a hello-world Hono route on
 * @hono/node-server, the same stack as the API without any of its work.
 * Run as a child process: listens on 127.0.0.1:$PORT and prints `ready`.
 *
 * Usage: PORT=4399 node --experimental-strip-types bench/api-hello.ts
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const port = Number(process.env['PORT']);
if (!Number.isInteger(port) || port < 1) throw new Error('bench:api hello: set PORT');

const app = new Hono();
app.get('/', (c) => c.text('Hello, World!'));

const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => console.log('ready'));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
