/**
 * nginx in front of app nodes for tests, run with THE configuration `deploy/nginx.conf`: the file
 * is copied with only the node addresses, listen ports and certificate/log paths replaced (each
 * replacement must find its production text, so a change of the file that the test no longer
 * covers fails loudly). nginx runs unprivileged-style in a temp prefix: its own pid file, error
 * log, temp paths and a throw-away self-signed certificate for 127.0.0.1; it is killed by pid.
 *
 * `findNginx()` is undefined where nginx is not installed (`apt-get install nginx`);
 * `XIESHOU_TEST_NGINX=required` (set by `.ci/run`) makes that an error instead of a skip.
 * `XIESHOU_NGINX` names the binary when it is not `/usr/sbin/nginx` or on PATH.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT } from '../bench/app-process.js';
import { freePort } from '../src/server/db/embedded.js';

export const NGINX_CONF = path.join(ROOT, 'deploy', 'nginx.conf');

/** The production text of the upstream servers in `deploy/nginx.conf`, in order. */
const CONF_NODES = ['10.0.0.11:8080', '10.0.0.12:8080'];

/** The nginx binary, or undefined when none is installed. */
export function findNginx(): string | undefined {
  const candidates = [process.env.XIESHOU_NGINX, '/usr/sbin/nginx', ...(process.env.PATH ?? '').split(':').map((dir) => path.join(dir, 'nginx'))];
  return candidates.find((file): file is string => !!file && fs.existsSync(file));
}

/** Why the nginx tests do not run here, or undefined when they do; throws when they are required. */
export function nginxMissing(): string | undefined {
  if (findNginx()) return undefined;
  const message = 'nginx is not installed (apt-get install -y --no-install-recommends nginx); the nginx-fronted tests are skipped';
  if (process.env.XIESHOU_TEST_NGINX === 'required') {
    throw new Error(`XIESHOU_TEST_NGINX=required, but ${message.split(';')[0]}`);
  }
  return message;
}

export interface Nginx {
  child: ChildProcess;
  /** `https://127.0.0.1:<port>` */
  url: string;
  /** PEM of the self-signed certificate (for the client's `ca`). */
  ca: string;
  dir: string;
  errorLog(): string;
  accessLog(): string;
}

/** Replaces `from` by `to` in `text`; throws when `from` is not there (the config changed under the test). */
function replaceAll(text: string, from: string, to: string): string {
  if (!text.includes(from)) {
    throw new Error(`deploy/nginx.conf no longer contains \`${from}\`; update test/nginx.ts`);
  }
  return text.split(from).join(to);
}

/**
 * `deploy/nginx.conf` with the given node addresses (`host:port`), listen ports and paths in
 * place of the production ones. Exported for the test that checks the replacements stay this few.
 */
export function localisedConf(conf: string, options: { nodes: readonly string[]; httpPort: number; httpsPort: number; dir: string }): string {
  if (options.nodes.length !== CONF_NODES.length) {
    throw new Error(`deploy/nginx.conf lists ${CONF_NODES.length} nodes; give as many`);
  }
  let text = conf;
  CONF_NODES.forEach((node, i) => {
    text = replaceAll(text, `server ${node} `, `server ${options.nodes[i]} `);
  });
  text = replaceAll(text, 'listen 80;', `listen 127.0.0.1:${options.httpPort};`);
  text = replaceAll(text, 'listen 443 ssl', `listen 127.0.0.1:${options.httpsPort} ssl`);
  text = replaceAll(text, '/etc/nginx/tls/xieshou.crt', path.join(options.dir, 'tls.crt'));
  text = replaceAll(text, '/etc/nginx/tls/xieshou.key', path.join(options.dir, 'tls.key'));
  text = replaceAll(text, '/var/log/nginx/xieshou.access.log', path.join(options.dir, 'access.log'));
  return text;
}

/**
 * The main configuration around it, as Debian's /etc/nginx/nginx.conf would be: one worker, and
 * every path (pid, logs, temp files) inside `dir`.
 */
function mainConf(dir: string): string {
  const temp = (name: string) => path.join(dir, 'temp', name);
  return [
    // As root nginx would switch its worker to `nobody`, which cannot write the temp dirs here.
    ...(os.userInfo().uid === 0 ? ['user root root;'] : []),
    'worker_processes 1;',
    `error_log ${path.join(dir, 'error.log')} info;`,
    'events { worker_connections 512; }',
    'http {',
    '    default_type application/octet-stream;',
    `    client_body_temp_path ${temp('body')};`,
    `    proxy_temp_path ${temp('proxy')};`,
    `    fastcgi_temp_path ${temp('fastcgi')};`,
    `    uwsgi_temp_path ${temp('uwsgi')};`,
    `    scgi_temp_path ${temp('scgi')};`,
    `    include ${path.join(dir, 'xieshou.conf')};`,
    '}',
    '',
  ].join('\n');
}

const readOr = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

/** Starts nginx in front of `nodes` (base URLs `http://127.0.0.1:<port>`); resolves when it answers over TLS. */
export async function startNginx(nodes: readonly string[]): Promise<Nginx> {
  const binary = findNginx();
  if (!binary) throw new Error('nginx is not installed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xieshou-nginx-'));
  fs.mkdirSync(path.join(dir, 'temp'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'tls.key'), '-out', path.join(dir, 'tls.crt')], { stdio: 'ignore' });
  const httpPort = await freePort();
  const httpsPort = await freePort();
  const site = localisedConf(fs.readFileSync(NGINX_CONF, 'utf8'), { nodes: nodes.map((url) => new URL(url).host), httpPort, httpsPort, dir });
  fs.writeFileSync(path.join(dir, 'xieshou.conf'), site);
  fs.writeFileSync(path.join(dir, 'nginx.conf'), mainConf(dir));
  const errorLog = path.join(dir, 'error.log');
  const child = spawn(binary, ['-p', dir, '-e', errorLog, '-c', path.join(dir, 'nginx.conf'), '-g', `daemon off; pid ${path.join(dir, 'nginx.pid')};`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const proxy: Nginx = {
    child,
    url: `https://127.0.0.1:${httpsPort}`,
    ca: fs.readFileSync(path.join(dir, 'tls.crt'), 'utf8'),
    dir,
    errorLog: () => `${stderr}${readOr(errorLog)}`,
    accessLog: () => readOr(path.join(dir, 'access.log')),
  };
  const deadline = performance.now() + 15_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      await proxyRequest(proxy, 'GET', '/healthz');
      return proxy;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const log = proxy.errorLog();
  await stopNginx(proxy);
  throw new Error(`nginx did not start (exit ${child.exitCode}); its error log:\n${log}`);
}

/** Stops nginx (SIGQUIT: graceful; SIGKILL after 5 s) and removes its prefix. Prints the error log when `isFailed`. */
export async function stopNginx(proxy: Nginx | undefined, isFailed = false): Promise<void> {
  if (!proxy) return;
  if (isFailed) console.error(`nginx error log:\n${proxy.errorLog()}`);
  const { child } = proxy;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGQUIT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
  fs.rmSync(proxy.dir, { recursive: true, force: true });
}

export interface ProxyResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body parsed as JSON when it is JSON (decompressed first when gzip). */
  json: any;
}

const agents = new WeakMap<Nginx, https.Agent>();

/**
 * One request through nginx over TLS (kept-alive connections). `localAddress` picks the client's
 * source address (any of 127.0.0.0/8), so that the client is not nginx's own address.
 */
export function proxyRequest(proxy: Nginx, method: string, url: string, options: { token?: string; body?: object; headers?: Record<string, string>; localAddress?: string } = {}): Promise<ProxyResponse> {
  let agent = agents.get(proxy);
  if (!agent) {
    agent = new https.Agent({ keepAlive: true, maxSockets: 16, ca: proxy.ca });
    agents.set(proxy, agent);
  }
  const body = options.body ? JSON.stringify(options.body) : undefined;
  const headers: Record<string, string> = {
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...(body ? { 'content-type': 'application/json' } : {}),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const request = https.request(new URL(url, proxy.url), { method, headers, agent: options.localAddress ? undefined : agent, ca: proxy.ca, localAddress: options.localAddress, timeout: 30_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        let raw = Buffer.concat(chunks);
        if (response.headers['content-encoding'] === 'gzip') raw = zlib.gunzipSync(raw);
        const isJson = /json/.test(String(response.headers['content-type'] ?? ''));
        resolve({ status: response.statusCode ?? 0, headers: response.headers, json: isJson && raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined });
      });
    });
    request.on('timeout', () => request.destroy(new Error(`${method} ${url} through nginx timed out`)));
    request.on('error', reject);
    request.end(body);
  });
}

/** Logs in through nginx; returns the bearer token. */
export async function proxyLogin(proxy: Nginx, username: string, password: string, localAddress?: string): Promise<string> {
  const response = await proxyRequest(proxy, 'POST', '/api/v1/auth/login', { body: { username, password }, localAddress });
  if (response.status !== 200) throw new Error(`login of ${username} through nginx failed: ${response.status} ${JSON.stringify(response.json)}`);
  return response.json.token as string;
}
