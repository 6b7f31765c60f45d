#!/usr/bin/env node
// Local infrastructure for development and tests: PostgreSQL, Redis and NATS (JetStream).
//
//   node scripts/infra.mjs up     [--data-dir DIR] [postgres|redis|nats ...]
//   node scripts/infra.mjs down   [--data-dir DIR] [postgres|redis|nats ...]
//   node scripts/infra.mjs status [--data-dir DIR] [postgres|redis|nats ...]
//
// Endpoints come from DATABASE_URL, REDIS_URL and NATS_URL (defaults: the standard local ports).
// `up` satisfies each service in this order:
//   1. something already answers on the configured host:port (checked at protocol level) -> use it;
//   2. the locally installed server binary -> start it on loopback, data under DIR/<service>/;
//   3. a Docker engine -> `docker compose up -d` the service from docker-compose.yml;
//   4. otherwise fail, naming the Debian package to install.
// What `up` starts itself is recorded in DIR/pids/<service>.pid (+ .json), or <service>.compose when
// it used Docker; `down` stops only those, and never a server it did not start.
//
// DIR defaults to <repo>/.data (git-ignored); --data-dir or DAIBAN_DATA_DIR relocate it.
// Other knobs: DAIBAN_INFRA_TIMEOUT_MS (default 60000) bounds every wait;
// DAIBAN_INFRA_NO_LOCAL=1 skips step 2 (use Docker or fail).
// Exit codes: 0 ok; 1 a service could not be satisfied / stopped (status: one does not answer); 2 usage.
//
// Plain Node (>= 20) with builtins only, so it runs before `npm ci`.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APT_INSTALL = 'apt-get update && apt-get install -y postgresql redis-server nats-server';
const TIMEOUT_MS =
  Number(process.env.DAIBAN_INFRA_TIMEOUT_MS) > 0 ? Number(process.env.DAIBAN_INFRA_TIMEOUT_MS) : 60_000;
const POLL_MS = 100;
const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

class InfraError extends Error {}

// ---------------------------------------------------------------------------------------------
// arguments and paths

function parseArgs(argv) {
  const usage = 'usage: node scripts/infra.mjs up|down|status [--data-dir DIR] [postgres|redis|nats ...]';
  let command;
  let dataDir;
  const only = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--data-dir') {
      dataDir = argv[++i];
      if (!dataDir) throw new UsageError(`--data-dir needs a folder\n${usage}`);
    } else if (arg.startsWith('--data-dir=')) {
      dataDir = arg.slice('--data-dir='.length);
    } else if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    } else if (!command && ['up', 'down', 'status'].includes(arg)) {
      command = arg;
    } else if (command && Object.hasOwn(SERVICES, arg)) {
      only.push(arg);
    } else {
      throw new UsageError(`unexpected argument ${JSON.stringify(arg)}\n${usage}`);
    }
  }
  if (!command) throw new UsageError(usage);
  const root = path.resolve(dataDir || process.env.DAIBAN_DATA_DIR || path.join(ROOT, '.data'));
  return { command, names: only.length ? only : Object.keys(SERVICES), dataRoot: root };
}

class UsageError extends Error {}

function paths(dataRoot, name) {
  return {
    dir: path.join(dataRoot, name),
    pidFile: path.join(dataRoot, 'pids', `${name}.pid`),
    metaFile: path.join(dataRoot, 'pids', `${name}.json`),
    composeMarker: path.join(dataRoot, 'pids', `${name}.compose`),
  };
}

// ---------------------------------------------------------------------------------------------
// endpoints

function endpoint(envName, fallback, defaultPort) {
  const raw = (process.env[envName] || '').trim() || fallback;
  // Several comma-separated servers are allowed by the apps; the first one is the one we manage.
  let first = raw.split(',')[0].trim();
  if (!first.includes('://')) first = `${new URL(fallback).protocol}//${first}`;
  let url;
  try {
    url = new URL(first);
  } catch {
    // Never echo the value: it may hold a password.
    throw new InfraError(`${envName} is not a valid URL`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const port = Number(url.port || defaultPort);
  return {
    envName,
    host,
    port,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')),
    display: `${host.includes(':') ? `[${host}]` : host}:${port}`,
  };
}

function isLoopback(host) {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The address a server we start binds to: loopback only. */
function bindAddress(host) {
  return host === 'localhost' ? '127.0.0.1' : host;
}

// ---------------------------------------------------------------------------------------------
// small process helpers

function which(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, cmd);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function findBinary(cmd, extraDirs = ['/usr/sbin', '/usr/bin', '/usr/local/bin', '/usr/local/sbin']) {
  return which(cmd) || extraDirs.map((d) => path.join(d, cmd)).find(isExecutable);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: TIMEOUT_MS,
    ...options,
  });
  return {
    code: result.error ? -1 : result.status,
    stdout: result.stdout || '',
    stderr: result.stderr || (result.error ? String(result.error.message) : ''),
  };
}

/** Process state from /proc: undefined when gone; a zombie counts as gone. */
function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return error.code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // no /proc (not Linux): kill(0) said it exists
  }
}

function commandLine(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return run('ps', ['-p', String(pid), '-o', 'command=']).stdout.trim();
  }
}

function tail(file, lines = 15) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function waitUntil(check, timeoutMs = TIMEOUT_MS) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (performance.now() >= deadline) return undefined;
    await delay(POLL_MS);
  }
}

/** Connects, optionally sends bytes, and collects what the server says until `done(text)` or a timeout. */
function talk(host, port, { send, done = () => false, timeoutMs = 2000 } = {}) {
  return new Promise((resolve) => {
    let connected = false;
    let data = Buffer.alloc(0);
    let settled = false;
    const socket = net.connect({ host, port });
    const finish = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ connected, data, error });
    };
    const timer = setTimeout(() => finish(new Error('timeout')), timeoutMs);
    socket.on('connect', () => {
      connected = true;
      if (send) socket.write(send);
    });
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      if (done(data)) finish();
    });
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish());
  });
}

// ---------------------------------------------------------------------------------------------
// ownership records (.data/pids)

function readOwned(dataRoot, name) {
  const { pidFile, metaFile } = paths(dataRoot, name);
  let pid;
  try {
    pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').trim(), 10);
  } catch {
    return undefined;
  }
  let meta = {};
  try {
    meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
  } catch {
    // a pid file without its metadata still marks the process as ours; identity checks get stricter below
  }
  return { pid, meta };
}

function writeOwned(dataRoot, name, pid, meta) {
  const { pidFile, metaFile } = paths(dataRoot, name);
  fs.mkdirSync(path.dirname(pidFile), { recursive: true });
  fs.writeFileSync(
    metaFile,
    `${JSON.stringify({ service: name, pid, startedBy: 'scripts/infra.mjs', ...meta }, null, 2)}\n`,
  );
  fs.writeFileSync(pidFile, `${pid}\n`);
}

function removeOwned(dataRoot, name) {
  const { pidFile, metaFile } = paths(dataRoot, name);
  fs.rmSync(pidFile, { force: true });
  fs.rmSync(metaFile, { force: true });
}

/** True when `pid` is still the very server we started (guards against pid reuse). */
function isOurProcess(name, owned) {
  if (!isAlive(owned.pid)) return false;
  const cmd = commandLine(owned.pid);
  const { meta } = owned;
  switch (name) {
    case 'postgres': {
      if (!meta.pgdata || !cmd.includes('postgres')) return false;
      try {
        const postmasterPid = Number.parseInt(
          fs.readFileSync(path.join(meta.pgdata, 'postmaster.pid'), 'utf8'),
          10,
        );
        return postmasterPid === owned.pid;
      } catch {
        return false;
      }
    }
    case 'redis':
      // redis-server rewrites its title to "redis-server <bind>:<port>"
      return cmd.includes('redis-server') && (!meta.port || cmd.includes(`:${meta.port}`));
    case 'nats':
      return cmd.includes('nats-server') && (!meta.dataDir || cmd.includes(meta.dataDir));
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

function postgresBinaries() {
  const dirs = [];
  try {
    const versions = fs
      .readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) dirs.push(path.join('/usr/lib/postgresql', v, 'bin'));
  } catch {
    // not a Debian layout
  }
  const onPath = which('pg_ctl');
  if (onPath) dirs.push(path.dirname(fs.realpathSync(onPath)));
  for (const dir of dirs) {
    const bin = (cmd) => (isExecutable(path.join(dir, cmd)) ? path.join(dir, cmd) : undefined);
    if (bin('initdb') && bin('pg_ctl')) {
      const version = run(bin('pg_ctl'), ['--version']).stdout.match(/(\d+)(?:\.\d+)?/);
      return {
        initdb: bin('initdb'),
        pgCtl: bin('pg_ctl'),
        psql: bin('psql') || findBinary('psql'),
        major: version ? version[1] : undefined,
      };
    }
  }
  return undefined;
}

function pgIsReady() {
  const dirs = [];
  try {
    for (const v of fs.readdirSync('/usr/lib/postgresql'))
      dirs.push(path.join('/usr/lib/postgresql', v, 'bin'));
  } catch {
    // no Debian layout
  }
  return findBinary('pg_isready', [...dirs, '/usr/bin', '/usr/local/bin']);
}

async function probePostgres(ep) {
  const isready = pgIsReady();
  if (isready) {
    const { code } = run(isready, ['-q', '-h', ep.host, '-p', String(ep.port), '-t', '2'], { timeout: 5000 });
    if (code === 0) return { status: 'ready' };
    if (code === 1)
      return { status: 'starting', detail: 'rejecting connections (starting or shutting down)' };
  } else {
    // SSLRequest: any PostgreSQL answers with a single 'S' or 'N'.
    const sslRequest = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);
    const reply = await talk(ep.host, ep.port, { send: sslRequest, done: (d) => d.length >= 1 });
    if (reply.data.length === 1 && (reply.data[0] === 0x53 || reply.data[0] === 0x4e))
      return { status: 'ready' };
    if (reply.connected)
      return { status: 'foreign', detail: 'something answers, but not the PostgreSQL protocol' };
    return { status: 'absent' };
  }
  const tcp = await talk(ep.host, ep.port, { timeoutMs: 300 });
  if (tcp.connected && !tcp.error)
    return { status: 'foreign', detail: 'something answers, but not the PostgreSQL protocol' };
  if (tcp.connected) return { status: 'foreign', detail: 'the port is open, but PostgreSQL does not answer' };
  return { status: 'absent' };
}

function postgresUserIds() {
  const uid = run('id', ['-u', 'postgres']);
  const gid = run('id', ['-g', 'postgres']);
  if (uid.code !== 0 || gid.code !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** PostgreSQL refuses to run as root: as root, run its tools as the `postgres` user. */
function asPostgres(cmd, args) {
  if (!IS_ROOT) return [cmd, args];
  if (findBinary('runuser', ['/usr/sbin', '/sbin', '/usr/bin']))
    return ['runuser', ['-u', 'postgres', '--', cmd, ...args]];
  const quoted = [cmd, ...args].map((a) => `'${String(a).replace(/'/g, `'\\''`)}'`).join(' ');
  return ['su', ['postgres', '-s', '/bin/sh', '-c', quoted]];
}

function runAsPostgres(cmd, args, options = {}) {
  const [c, a] = asPostgres(cmd, args);
  return run(c, a, options);
}

async function startPostgres(ep, dataRoot, bins) {
  const base = path.join(dataRoot, 'postgres');
  const pgdata = path.join(base, 'pgdata');
  const socketDir = path.join(base, 'run');
  const logFile = path.join(base, 'postgres.log');
  const socketPath = path.join(socketDir, `.s.PGSQL.${ep.port}`);
  if (Buffer.byteLength(socketPath) > 100) {
    throw new InfraError(
      `the socket path ${socketPath} is too long for a unix socket; use a shorter --data-dir`,
    );
  }
  fs.mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  if (IS_ROOT) {
    const ids = postgresUserIds();
    if (!ids)
      throw new InfraError(
        'running as root, but there is no `postgres` user to run PostgreSQL as (install the postgresql package)',
      );
    fs.chownSync(base, ids.uid, ids.gid);
    fs.chownSync(socketDir, ids.uid, ids.gid);
    if (runAsPostgres('test', ['-w', base, '-a', '-x', base]).code !== 0) {
      throw new InfraError(
        `the postgres user cannot reach ${base}: make its parent folders traversable (chmod o+x) or use another --data-dir`,
      );
    }
  }
  const cwd = base; // the postgres user may not be allowed into the caller's working directory
  const versionFile = path.join(pgdata, 'PG_VERSION');
  if (!fs.existsSync(versionFile)) {
    if (fs.existsSync(pgdata) && fs.readdirSync(pgdata).length > 0) {
      throw new InfraError(`${pgdata} exists but is not a PostgreSQL data folder; move it away`);
    }
    const superuser = ep.user || 'postgres';
    const initdb = (locale) =>
      runAsPostgres(
        bins.initdb,
        ['-D', pgdata, '-U', superuser, '--auth=trust', '--encoding=UTF8', `--locale=${locale}`],
        {
          cwd,
        },
      );
    let init = initdb('C.UTF-8'); // what the Debian clusters use
    if (init.code !== 0 && /locale/i.test(init.stderr) && !fs.existsSync(versionFile)) init = initdb('C');
    if (init.code !== 0) throw new InfraError(`initdb failed:\n${init.stdout}${init.stderr}`);
    fs.appendFileSync(
      path.join(pgdata, 'postgresql.conf'),
      "\n# scripts/infra.mjs\ninclude_if_exists = 'infra.conf'\n",
    );
  } else {
    const dataMajor = fs.readFileSync(versionFile, 'utf8').trim();
    if (bins.major && dataMajor !== bins.major) {
      throw new InfraError(
        `${pgdata} was made by PostgreSQL ${dataMajor}, but the installed server is ${bins.major}: remove ${pgdata} (it holds local data only) or install PostgreSQL ${dataMajor}`,
      );
    }
  }
  // Rewritten at every start, so a changed DATABASE_URL port takes effect.
  const conf = path.join(pgdata, 'infra.conf');
  fs.writeFileSync(
    conf,
    [
      '# written by scripts/infra.mjs at every start',
      `listen_addresses = '${bindAddress(ep.host)}'`,
      `port = ${ep.port}`,
      `unix_socket_directories = '${socketDir.replace(/'/g, "''")}'`,
      'max_connections = 200',
      // local data only: losing the last few commits on an OS crash is fine, corruption is not
      'synchronous_commit = off',
      '',
    ].join('\n'),
  );
  if (IS_ROOT) {
    const ids = postgresUserIds();
    fs.chownSync(conf, ids.uid, ids.gid);
  }
  const seconds = String(Math.ceil(TIMEOUT_MS / 1000));
  const start = runAsPostgres(bins.pgCtl, ['start', '-D', pgdata, '-l', logFile, '-w', '-t', seconds, '-s'], {
    cwd,
  });
  if (start.code !== 0) {
    throw new InfraError(`pg_ctl start failed:\n${start.stdout}${start.stderr}${tail(logFile)}`);
  }
  const pid = Number.parseInt(fs.readFileSync(path.join(pgdata, 'postmaster.pid'), 'utf8'), 10);
  return { pid, meta: { pgdata, pgCtl: bins.pgCtl, logFile, socketDir } };
}

async function stopPostgres(owned) {
  const { pgdata, pgCtl } = owned.meta;
  const ctl = pgCtl && isExecutable(pgCtl) ? pgCtl : postgresBinaries()?.pgCtl;
  if (!ctl) throw new InfraError('cannot find pg_ctl to stop PostgreSQL');
  const seconds = String(Math.ceil(TIMEOUT_MS / 1000));
  const stop = runAsPostgres(ctl, ['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', seconds, '-s'], {
    cwd: path.dirname(pgdata),
  });
  if (stop.code !== 0) throw new InfraError(`pg_ctl stop failed:\n${stop.stdout}${stop.stderr}`);
}

/** The apps expect the database named in DATABASE_URL to exist; create it when it does not. */
function ensureDatabase(ep, psql) {
  const database = ep.database || ep.user || 'postgres';
  if (['postgres', 'template0', 'template1'].includes(database)) return undefined;
  if (!psql) return `psql not found: could not check that database "${database}" exists`;
  const env = { ...process.env, PGCONNECT_TIMEOUT: '5' };
  if (ep.password) env.PGPASSWORD = ep.password;
  else delete env.PGPASSWORD;
  const base = [
    '-X',
    '-q',
    '-tA',
    '-v',
    'ON_ERROR_STOP=1',
    '-v',
    `db=${database}`,
    '-h',
    ep.host,
    '-p',
    String(ep.port),
  ];
  if (ep.user) base.push('-U', ep.user);
  base.push('-d', 'postgres');
  const exists = run(psql, base, {
    env,
    input: "SELECT 1 FROM pg_database WHERE datname = :'db';\n",
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (exists.code !== 0) return `could not check that database "${database}" exists: ${exists.stderr.trim()}`;
  if (exists.stdout.trim() === '1') return undefined;
  const create = run(psql, base, { env, input: 'CREATE DATABASE :"db";\n', stdio: ['pipe', 'pipe', 'pipe'] });
  if (create.code !== 0) return `could not create database "${database}": ${create.stderr.trim()}`;
  return `created database "${database}"`;
}

// ---------------------------------------------------------------------------------------------
// Redis

function respCommand(...parts) {
  return `*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join('')}`;
}

async function probeRedis(ep) {
  const auth = ep.password
    ? ep.user
      ? respCommand('AUTH', ep.user, ep.password)
      : respCommand('AUTH', ep.password)
    : '';
  const expected = ep.password ? 2 : 1;
  const reply = await talk(ep.host, ep.port, {
    send: `${auth}PING\r\n`,
    done: (d) => d.toString('latin1').split('\r\n').length > expected,
  });
  const lines = reply.data.toString('latin1').split('\r\n').filter(Boolean);
  if (lines.at(-1) === '+PONG' && lines.length >= expected) return { status: 'ready' };
  const errorLine = lines.find((l) => l.startsWith('-'));
  if (errorLine?.startsWith('-LOADING')) return { status: 'starting', detail: 'loading its data set' };
  if (
    errorLine &&
    /^-(NOAUTH|WRONGPASS|DENIED|ERR AUTH|ERR invalid password|ERR Client sent AUTH)/.test(errorLine)
  ) {
    return {
      status: 'denied',
      detail: `Redis answers, but refuses the credentials of REDIS_URL (${errorLine.slice(1, 60)})`,
    };
  }
  if (reply.connected) return { status: 'foreign', detail: 'something answers, but not the Redis protocol' };
  return { status: 'absent' };
}

async function startRedis(ep, dataRoot) {
  const bin = findBinary('redis-server');
  const dir = path.join(dataRoot, 'redis');
  const serverPidFile = path.join(dir, 'redis-server.pid');
  const logFile = path.join(dir, 'redis.log');
  fs.mkdirSync(dir, { recursive: true });
  fs.rmSync(serverPidFile, { force: true });
  const options = {
    appendonly: 'yes',
    'maxmemory-policy': 'noeviction',
    bind: bindAddress(ep.host),
    port: String(ep.port),
    dir,
    daemonize: 'yes',
    pidfile: serverPidFile,
    logfile: logFile,
  };
  const args = Object.entries(options).flatMap(([key, value]) => [`--${key}`, value]);
  if (ep.password) {
    if (ep.user && ep.user !== 'default') {
      throw new InfraError(
        `REDIS_URL names the user "${ep.user}": infra.mjs only starts Redis with the default user`,
      );
    }
    args.push('--requirepass', ep.password);
  }
  const started = run(bin, args, { cwd: dir });
  if (started.code !== 0)
    throw new InfraError(`redis-server failed to start:\n${started.stdout}${started.stderr}${tail(logFile)}`);
  const pid = await waitUntil(() => {
    try {
      return Number.parseInt(fs.readFileSync(serverPidFile, 'utf8'), 10) || undefined;
    } catch {
      return undefined;
    }
  }, 10_000);
  if (!pid) throw new InfraError(`redis-server wrote no pid file:\n${tail(logFile)}`);
  return { pid, meta: { dataDir: dir, logFile, bin } };
}

// ---------------------------------------------------------------------------------------------
// NATS

async function probeNats(ep) {
  const reply = await talk(ep.host, ep.port, { done: (d) => d.includes('\r\n') });
  const line = reply.data.toString('utf8').split('\r\n')[0];
  if (line.startsWith('INFO ')) {
    try {
      const info = JSON.parse(line.slice(5));
      return info.jetstream
        ? { status: 'ready', detail: `nats-server ${info.version}, JetStream on` }
        : {
            status: 'nojs',
            detail: `nats-server ${info.version} answers, but without JetStream (start it with -js)`,
          };
    } catch {
      return { status: 'ready' };
    }
  }
  if (reply.connected) return { status: 'foreign', detail: 'something answers, but not the NATS protocol' };
  return { status: 'absent' };
}

async function startNats(ep, dataRoot) {
  const bin = findBinary('nats-server');
  const dir = path.join(dataRoot, 'nats');
  const logFile = path.join(dir, 'nats.log');
  fs.mkdirSync(dir, { recursive: true });
  const args = ['-a', bindAddress(ep.host), '-p', String(ep.port), '-js', '-sd', dir, '-l', logFile];
  if (ep.user && ep.password) args.push('--user', ep.user, '--pass', ep.password);
  else if (ep.user) args.push('--auth', ep.user); // nats://TOKEN@host
  const child = spawn(bin, args, { cwd: dir, detached: true, stdio: 'ignore' });
  const pid = await new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(child.pid));
    child.once('error', (error) => reject(new InfraError(`nats-server failed to start: ${error.message}`)));
  });
  let exitCode;
  child.once('exit', (code, signal) => {
    exitCode = code ?? signal;
  });
  child.unref();
  return {
    pid,
    meta: { dataDir: dir, logFile, bin },
    diedEarly: () =>
      exitCode !== undefined ? `nats-server exited (${exitCode}):\n${tail(logFile)}` : undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// services

const SERVICES = {
  postgres: {
    label: 'PostgreSQL',
    envName: 'DATABASE_URL',
    fallback: 'postgres://postgres@127.0.0.1:5432/daiban',
    defaultPort: 5432,
    dockerPortVar: 'DAIBAN_PG_PORT',
    aptPackage: 'postgresql',
    probe: probePostgres,
    local: () => {
      const bins = postgresBinaries();
      return (
        bins && {
          describe: `PostgreSQL ${bins.major ?? ''}`.trim(),
          start: (ep, root) => startPostgres(ep, root, bins),
        }
      );
    },
  },
  redis: {
    label: 'Redis',
    envName: 'REDIS_URL',
    fallback: 'redis://127.0.0.1:6379',
    defaultPort: 6379,
    dockerPortVar: 'DAIBAN_REDIS_PORT',
    aptPackage: 'redis-server',
    probe: probeRedis,
    local: () => findBinary('redis-server') && { describe: 'redis-server', start: startRedis },
  },
  nats: {
    label: 'NATS',
    envName: 'NATS_URL',
    fallback: 'nats://127.0.0.1:4222',
    defaultPort: 4222,
    dockerPortVar: 'DAIBAN_NATS_PORT',
    aptPackage: 'nats-server',
    probe: probeNats,
    local: () => findBinary('nats-server') && { describe: 'nats-server', start: startNats },
  },
};

function say(name, message) {
  process.stdout.write(`${name.padEnd(8)} ${message}\n`);
}

function endpointOf(name) {
  const svc = SERVICES[name];
  return endpoint(svc.envName, svc.fallback, svc.defaultPort);
}

/** Waits out a server that is starting; returns the last probe result. */
async function settle(name, ep) {
  const svc = SERVICES[name];
  let state = await svc.probe(ep);
  if (state.status === 'starting') {
    const ready = await waitUntil(async () => {
      state = await svc.probe(ep);
      return state.status !== 'starting';
    });
    if (!ready)
      throw new InfraError(`${svc.label} at ${ep.display} did not become ready within ${TIMEOUT_MS} ms`);
  }
  return state;
}

function afterReady(name, ep) {
  if (name !== 'postgres') return '';
  const note = ensureDatabase(ep, postgresBinaries()?.psql || findBinary('psql'));
  return note ? ` (${note})` : '';
}

/** Returns undefined when satisfied, or 'docker' when only Docker is left to try. */
async function upOne(name, dataRoot) {
  const svc = SERVICES[name];
  const ep = endpointOf(name);
  const owned = readOwned(dataRoot, name);
  const state = await settle(name, ep);

  if (state.status === 'ready') {
    const ours = owned && isOurProcess(name, owned) && owned.meta.port === ep.port;
    const viaCompose = fs.existsSync(paths(dataRoot, name).composeMarker);
    const how = ours
      ? `already running at ${ep.display} (started earlier by infra.mjs, pid ${owned.pid})`
      : viaCompose
        ? `already running at ${ep.display} (started earlier by infra.mjs with docker compose)`
        : `found running at ${ep.display}; using it`;
    say(name, `${how}${afterReady(name, ep)}`);
    return undefined;
  }
  if (state.status !== 'absent') throw new InfraError(`${svc.label} at ${ep.display}: ${state.detail}`);

  if (owned) {
    if (isOurProcess(name, owned)) {
      const where = owned.meta.port ? `port ${owned.meta.port}` : 'another port';
      throw new InfraError(
        `${svc.label}: infra.mjs started it earlier (pid ${owned.pid}, ${where}) but nothing answers at ${ep.display}; run \`node scripts/infra.mjs down\` first`,
      );
    }
    removeOwned(dataRoot, name); // stale: that process is gone
  }
  fs.rmSync(paths(dataRoot, name).composeMarker, { force: true }); // stale: that container is gone
  if (!isLoopback(ep.host)) {
    throw new InfraError(
      `${svc.label} does not answer at ${ep.display}; that host is not this machine, so infra.mjs will not start it`,
    );
  }

  const local = process.env.DAIBAN_INFRA_NO_LOCAL === '1' ? undefined : svc.local();
  if (!local) return 'docker';

  const started = await local.start(ep, dataRoot);
  // Recorded before the wait, so `down` can clean up even if the wait fails.
  writeOwned(dataRoot, name, started.pid, {
    ...started.meta,
    host: ep.host,
    port: ep.port,
    startedAt: new Date().toISOString(),
  });
  const ready = await waitUntil(async () => {
    const early = started.diedEarly?.();
    if (early) throw new InfraError(early);
    if (!isAlive(started.pid))
      throw new InfraError(`${local.describe} (pid ${started.pid}) exited:\n${tail(started.meta.logFile)}`);
    return (await svc.probe(ep)).status === 'ready';
  });
  if (!ready) {
    throw new InfraError(
      `${local.describe} (pid ${started.pid}) did not answer at ${ep.display} within ${TIMEOUT_MS} ms:\n${tail(started.meta.logFile)}`,
    );
  }
  say(
    name,
    `started ${local.describe} at ${ep.display} (pid ${started.pid}, data in ${started.meta.pgdata ?? started.meta.dataDir})${afterReady(name, ep)}`,
  );
  return undefined;
}

function dockerEngine() {
  if (!which('docker')) return undefined;
  if (run('docker', ['info'], { timeout: 20_000 }).code !== 0) return undefined;
  if (run('docker', ['compose', 'version'], { timeout: 20_000 }).code === 0) return ['docker', ['compose']];
  if (which('docker-compose')) return ['docker-compose', []];
  return undefined;
}

async function upWithDocker(names, dataRoot) {
  const engine = dockerEngine();
  if (!engine) {
    const packages = names.map((n) => SERVICES[n].aptPackage).join(' ');
    const what = names.map((n) => `${SERVICES[n].label} (${endpointOf(n).display})`).join(', ');
    throw new InfraError(
      `${what}: nothing answers, no local server binary is installed, and no Docker engine runs.\n` +
        `Install the server(s) with: apt-get update && apt-get install -y ${packages}\n` +
        (names.length < 3 ? `(all three: ${APT_INSTALL})` : ''),
    );
  }
  const composeFile = path.join(ROOT, 'docker-compose.yml');
  const env = { ...process.env };
  for (const name of names) env[SERVICES[name].dockerPortVar] = String(endpointOf(name).port);
  const [cmd, prefix] = engine;
  const result = spawnSync(cmd, [...prefix, '-f', composeFile, 'up', '-d', ...names], {
    env,
    stdio: 'inherit',
    cwd: ROOT,
  });
  if (result.status !== 0)
    throw new InfraError(`${cmd} ${[...prefix, 'up'].join(' ')} failed for ${names.join(', ')}`);
  for (const name of names) {
    const ep = endpointOf(name);
    const ready = await waitUntil(async () => (await SERVICES[name].probe(ep)).status === 'ready');
    if (!ready)
      throw new InfraError(
        `${SERVICES[name].label} from docker compose did not answer at ${ep.display} within ${TIMEOUT_MS} ms`,
      );
    if (name === 'postgres' && !ep.password) {
      say(
        name,
        'note: the compose PostgreSQL asks for a password: use DATABASE_URL=postgres://postgres:postgres@...',
      );
    }
    fs.writeFileSync(paths(dataRoot, name).composeMarker, `${composeFile}\n`);
    say(name, `started with docker compose (service ${name}) at ${ep.display}${afterReady(name, ep)}`);
  }
}

/** `down` for a service that `up` started with docker compose: stop (not remove) that one compose service. */
function stopWithDocker(name, dataRoot) {
  const marker = paths(dataRoot, name).composeMarker;
  const composeFile = fs.readFileSync(marker, 'utf8').trim();
  const engine = dockerEngine();
  if (!engine)
    throw new InfraError(`up started ${name} with docker compose, but no Docker engine answers now`);
  const [cmd, prefix] = engine;
  const result = spawnSync(cmd, [...prefix, '-f', composeFile, 'stop', name], {
    stdio: 'inherit',
    cwd: ROOT,
  });
  if (result.status !== 0) throw new InfraError(`${cmd} ${[...prefix, 'stop'].join(' ')} ${name} failed`);
  fs.rmSync(marker, { force: true });
  say(name, `stopped its docker compose service (volume kept)`);
}

async function up(names, dataRoot) {
  fs.mkdirSync(path.join(dataRoot, 'pids'), { recursive: true, mode: 0o755 });
  let failed = false;
  const viaDocker = [];
  for (const name of names) {
    try {
      if ((await upOne(name, dataRoot)) === 'docker') viaDocker.push(name);
    } catch (error) {
      failed = true;
      report(name, error);
    }
  }
  if (viaDocker.length) {
    try {
      await upWithDocker(viaDocker, dataRoot);
    } catch (error) {
      failed = true;
      report(viaDocker.join(','), error);
    }
  }
  return failed ? 1 : 0;
}

async function down(names, dataRoot) {
  let failed = false;
  for (const name of names) {
    const owned = readOwned(dataRoot, name);
    try {
      if (fs.existsSync(paths(dataRoot, name).composeMarker)) {
        stopWithDocker(name, dataRoot);
        continue;
      }
      if (!owned) {
        say(name, 'not started by infra.mjs; left alone');
        continue;
      }
      if (!isAlive(owned.pid)) {
        removeOwned(dataRoot, name);
        say(name, `started by infra.mjs (pid ${owned.pid}) but no longer running; removed its pid file`);
        continue;
      }
      if (!isOurProcess(name, owned)) {
        removeOwned(dataRoot, name);
        say(
          name,
          `pid ${owned.pid} is no longer the server infra.mjs started; left it alone and removed the stale pid file`,
        );
        continue;
      }
      if (name === 'postgres') {
        await stopPostgres(owned);
      } else {
        process.kill(owned.pid, 'SIGTERM'); // both servers shut down cleanly on SIGTERM (Redis fsyncs its AOF)
      }
      let gone = await waitUntil(() => !isAlive(owned.pid));
      if (!gone && name !== 'postgres' && isOurProcess(name, owned)) {
        process.kill(owned.pid, 'SIGKILL');
        gone = await waitUntil(() => !isAlive(owned.pid), 10_000);
      }
      if (!gone) throw new InfraError(`pid ${owned.pid} is still running after ${TIMEOUT_MS} ms`);
      removeOwned(dataRoot, name);
      say(
        name,
        `stopped (pid ${owned.pid}); data kept in ${owned.meta.pgdata ?? owned.meta.dataDir ?? paths(dataRoot, name).dir}`,
      );
    } catch (error) {
      failed = true;
      report(name, error);
    }
  }
  return failed ? 1 : 0;
}

async function status(names, dataRoot) {
  let allReady = true;
  for (const name of names) {
    const ep = endpointOf(name);
    const state = await SERVICES[name].probe(ep);
    const owned = readOwned(dataRoot, name);
    const ownership = fs.existsSync(paths(dataRoot, name).composeMarker)
      ? '; started by infra.mjs with docker compose'
      : owned
        ? isOurProcess(name, owned)
          ? `; started by infra.mjs (pid ${owned.pid}${owned.meta.port && owned.meta.port !== ep.port ? `, port ${owned.meta.port}` : ''})`
          : `; stale infra.mjs pid file (pid ${owned.pid} is gone)`
        : '';
    const answer =
      state.status === 'ready'
        ? 'answers'
        : state.status === 'absent'
          ? 'does not answer'
          : `does not answer as expected: ${state.detail}`;
    if (state.status !== 'ready') allReady = false;
    say(name, `${ep.display} ${answer}${ownership}`);
  }
  return allReady ? 0 : 1;
}

function report(name, error) {
  if (error instanceof InfraError) process.stderr.write(`${name.padEnd(8)} ERROR: ${error.message}\n`);
  else process.stderr.write(`${name.padEnd(8)} ERROR: ${error?.stack ?? error}\n`);
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  try {
    if (args.command === 'up') return await up(args.names, args.dataRoot);
    if (args.command === 'down') return await down(args.names, args.dataRoot);
    return await status(args.names, args.dataRoot);
  } catch (error) {
    report('infra', error);
    return 1;
  }
}

process.exitCode = await main();
