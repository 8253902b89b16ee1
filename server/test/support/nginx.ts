/**
 * nginx from Debian's package (/usr/sbin/nginx) in front of Tabula instances, as a child process
 * with everything in a temporary directory. Its configuration is deploy/nginx.conf itself, with
 * the test's instances and port written into the lines marked "instances" and "listen", wrapped
 * in a main configuration that keeps the pid file, logs and buffers in the directory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, waitForPort } from './ports';

export const NGINX_BINARY = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const CHECKED_IN_CONFIG = path.join(process.cwd(), 'deploy/nginx.conf');

/** deploy/nginx.conf with these instances and this port. */
export async function renderNginxConfig(instancePorts: readonly number[], listenPort: number): Promise<string> {
  const lines = (await readFile(CHECKED_IN_CONFIG, 'utf8')).split('\n');
  const out: string[] = [];
  let section: 'instances' | 'listen' | null = null;
  for (const line of lines) {
    if (/^\s*# instances\s*$/.test(line)) {
      section = 'instances';
      out.push(line, ...instancePorts.map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;`));
      continue;
    }
    if (/^\s*# listen\s*$/.test(line)) {
      section = 'listen';
      out.push(line, `    listen 127.0.0.1:${listenPort};`);
      continue;
    }
    if (section === 'instances' && /^\s*server\s/.test(line)) continue;
    if (section === 'listen' && /^\s*listen\s/.test(line)) {
      section = null;
      continue;
    }
    if (section === 'instances' && !/^\s*server\s/.test(line)) section = null;
    out.push(line);
  }
  const rendered = out.join('\n');
  if (!rendered.includes(`listen 127.0.0.1:${listenPort};`) || !rendered.includes(`127.0.0.1:${instancePorts[0]} `)) {
    throw new Error('deploy/nginx.conf lost its "# instances" or "# listen" marker');
  }
  return rendered;
}

export class NginxProxy {
  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly child: ChildProcess,
    private readonly output: string[],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(instancePorts: readonly number[]): Promise<NginxProxy> {
    const dir = await mkdtemp(path.join(tmpdir(), 'tabula-nginx-'));
    const port = await freePort();
    await mkdir(path.join(dir, 'temp'));
    await writeFile(path.join(dir, 'tabula.conf'), await renderNginxConfig(instancePorts, port));
    const main = [
      // As root, nginx's workers would run as nobody, who cannot enter the temporary directory.
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      'worker_processes 1;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 4096; }',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${dir}/temp/${kind};`),
      `  include ${dir}/tabula.conf;`,
      '}',
    ].join('\n');
    await writeFile(path.join(dir, 'nginx.conf'), main);
    const child = spawn(NGINX_BINARY, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(String(chunk)));
    child.stderr?.on('data', (chunk: Buffer) => output.push(String(chunk)));
    const proxy = new NginxProxy(port, dir, child, output);
    try {
      await waitForPort(port, () => child.exitCode !== null);
    } catch (error) {
      await proxy.stop();
      throw new Error(`nginx did not start: ${String(error)}\n${output.join('')}\n${await readFile(path.join(dir, 'error.log'), 'utf8').catch(() => '')}`);
    }
    return proxy;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}
