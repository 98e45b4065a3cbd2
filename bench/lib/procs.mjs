// Child processes of the bench: spawned in their own process group so that cleanup can
// signal the whole group (next start, npm and shells may fork), and tracked here so that
// one cleanup() on exit, failure or Ctrl-C stops every one of them.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';

const children = new Set();

/** Spawns a child in its own process group; its output goes to `log` (array of lines, last 200 kept). */
export function startChild(command, args, { env, cwd, log = [], inherit = false } = {}) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true, // own process group: kill(-pid) reaches its forks too
    stdio: inherit ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk) => {
    for (const line of String(chunk).split('\n')) if (line.trim()) log.push(line);
    if (log.length > 200) log.splice(0, log.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.log = log;
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

const running = (child) => child.exitCode === null && child.signalCode === null;

/** Stops one child's process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopChild(child, graceMs = 5000) {
  if (!child || !running(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  signalGroup(child, 'SIGKILL'); // stragglers in the group (forked workers) that ignored SIGTERM
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* group already gone */
  }
}

/** Stops every child still running (used by the cleanup path). */
export async function stopAllChildren() {
  await Promise.all([...children].map((c) => stopChild(c)));
}

/** Synchronous last resort for process 'exit': SIGKILL every remaining group. */
export function killAllChildrenSync() {
  for (const c of children) if (running(c)) signalGroup(c, 'SIGKILL');
}

/** Waits until GET url answers (any status) or the child dies or time runs out. */
export async function waitForHttp(url, child, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!running(child)) throw new Error(`${url}: the server exited (code ${child.exitCode}):\n${child.log.slice(-30).join('\n')}`);
    const ok = await new Promise((resolve) => {
      const req = http.get(url, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('error', () => resolve(false));
      req.setTimeout(5000, () => req.destroy());
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s:\n${child.log.slice(-30).join('\n')}`);
}

// --- /proc sampling: RSS and CPU of a process tree -------------------------------------

const PAGE = 4096; // x86-64 Linux page size; statm/stat count pages
const TICKS = 100; // USER_HZ on Linux

function readStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm can contain spaces and ')': the fields after the last ')' are fixed.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), cpuTicks: Number(f[11]) + Number(f[12]), rssPages: Number(f[21]) };
  } catch {
    return null; // exited between readdir and read
  }
}

/** The pid and all its descendants, with their stats. */
function tree(rootPid) {
  const stats = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(Number(name));
    if (s) stats.set(Number(name), s);
  }
  const members = [];
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.shift();
    const s = stats.get(pid);
    if (!s) continue;
    members.push(s);
    for (const [child, cs] of stats) if (cs.ppid === pid) queue.push(child);
  }
  return members;
}

/** RSS (bytes) and CPU seconds consumed so far by the tree rooted at pid. */
export function treeUsage(pid) {
  const members = tree(pid);
  return {
    rssBytes: members.reduce((sum, s) => sum + s.rssPages * PAGE, 0),
    cpuSeconds: members.reduce((sum, s) => sum + s.cpuTicks, 0) / TICKS,
    processes: members.length,
  };
}

/** Samples the tree's RSS every `everyMs`; stop() returns { peakBytes, samples }. */
export function sampleMemory(pid, everyMs = 250) {
  let peakBytes = 0;
  let samples = 0;
  const take = () => {
    const { rssBytes } = treeUsage(pid);
    samples += 1;
    if (rssBytes > peakBytes) peakBytes = rssBytes;
  };
  take();
  const timer = setInterval(take, everyMs);
  timer.unref();
  return {
    peak: () => peakBytes,
    stop() {
      clearInterval(timer);
      take();
      return { peakBytes, samples };
    },
  };
}
