/**
 * Where a build's memory is (docs/decisions/039-build-memory.md): preloaded
 * with `node --import`, it appends a line to `$MEM_LOG` every `$MEM_EVERY` ms
 * (default 1,000) from the page thread: seconds since `$MEM_T0` (epoch ms,
 * default the start), the process's RSS and its peak (VmHWM), the page
 * thread's heap and external memory, and the resident memory by kind of
 * mapping from /proc/self/smaps: `v8` (V8's 256 KiB heap pages, of every
 * thread, and those it keeps a while after a worker ended), `brk` (the C
 * library's main heap), `anonBig` (other anonymous mappings of 1 MiB or more:
 * large typed arrays, the threads' allocation arenas), `anonSmall`, `files`.
 * All in MiB. Worker threads are busy, so they do not sample; the page
 * thread's line counts them all. Linux only; reading smaps costs some system
 * time, so it changes a build's CPU figure a little.
 *
 * Usage: MEM_LOG=build.mem node --import ./bench/memory-sample.mjs --experimental-strip-types bench/site-build.ts <cache dir>
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.MEM_LOG;
const t0 = Number(process.env.MEM_T0 || Date.now());
const mib = (bytes) => Math.round(bytes / 1048576);

/** Resident KiB by kind of mapping. */
function residentByKind() {
  const kinds = { v8: 0, brk: 0, anonBig: 0, anonSmall: 0, files: 0 };
  let kind = 'files';
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      const size = parseInt(head[2], 16) - parseInt(head[1], 16);
      kind = head[3] === '[heap]' ? 'brk' : head[3] ? 'files' : size === 262144 ? 'v8' : size >= 1048576 ? 'anonBig' : 'anonSmall';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) kinds[kind] += Number(rss[1]);
  }
  return Object.entries(kinds)
    .map(([name, kib]) => `${name}=${Math.round(kib / 1024)}`)
    .join(' ');
}

if (file && isMainThread) {
  setInterval(
    () => {
      const memory = process.memoryUsage();
      const peak = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
      const seconds = ((Date.now() - t0) / 1000).toFixed(1);
      appendFileSync(
        file,
        `${seconds} rss=${mib(memory.rss)} hwm=${Math.round(peak / 1024)} heapUsed=${mib(memory.heapUsed)} heapTotal=${mib(memory.heapTotal)} ext=${mib(memory.external)} ${residentByKind()}\n`,
      );
    },
    Number(process.env.MEM_EVERY || 1000),
  ).unref();
}
