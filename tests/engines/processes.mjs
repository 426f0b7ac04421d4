// Child processes of the smoke suite (the static server, Xvfb, WebKitWebDriver): each is
// started in its own process group, so that stopping it stops what it started too (a
// browser under a driver), and every one still running is stopped when the suite exits.
import { spawn } from 'node:child_process';
import net from 'node:net';

const running = new Set();

/** Starts `command` with `args`; its output goes to `log` (a function) line by line. */
export function start(command, args, { env, log, stdio } = {}) {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    detached: true,
    stdio: stdio ?? ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.on('exit', () => running.delete(child));
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (text) => log?.(text));
  }
  return child;
}

/** Stops a child and the processes it started; resolves once it has exited. */
export async function stop(child, ms = 5_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (s) => {
    try {
      process.kill(-child.pid, s);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), ms);
  await exited;
  clearTimeout(timer);
}

export async function stopAll() {
  await Promise.all([...running].map((c) => stop(c)));
}

function killAllNow() {
  for (const child of running) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
process.on('exit', killAllNow);
for (const s of ['SIGINT', 'SIGTERM']) {
  process.on(s, () => {
    killAllNow();
    process.exit(130);
  });
}

/** A TCP port on 127.0.0.1 that nothing listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves once `url` answers (any HTTP status), or rejects after `ms`. */
export async function untilAnswers(url, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch (e) {
      if (Date.now() > end) throw new Error(`${url} did not answer in ${ms} ms: ${e.message}`);
      await sleep(100);
    }
  }
}

/** Whether something answers at `url` now. */
export async function answers(url) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * The release build served as a static host would, on 127.0.0.1 (service workers work
 * there without HTTPS). `stop()` takes the site off the network, as going offline does for
 * the page; `start()` brings it back on the same port.
 */
export class StaticSite {
  constructor(dir, port) {
    this.dir = dir;
    this.port = port;
    this.url = `http://127.0.0.1:${port}/`;
  }

  async start() {
    this.child = start('python3', ['-m', 'http.server', String(this.port), '--bind', '127.0.0.1', '--directory', this.dir]);
    await untilAnswers(this.url);
  }

  async stop() {
    await stop(this.child);
    this.child = undefined;
    if (await answers(this.url)) throw new Error(`the site still answers at ${this.url}`);
  }
}
