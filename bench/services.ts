/**
 * The services n8n's queue mode needs, for the bench's W9 and W10 (bench/queue.ts): Postgres 15 and
 * Redis from Debian's packages, each a child process of the bench on a free port of 127.0.0.1, its
 * files in a temporary folder, and gone when the bench ends, also when it fails or is interrupted.
 *
 * We run as root, and Postgres refuses root: initdb and postgres run as the `postgres` OS user
 * (runuser), their data and unix-socket folder owned by it. Redis runs without persistence.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { freePort, sleep } from '../e2e/harness/n8n';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const PG_USER = 'postgres';
const REDIS_SERVER = 'redis-server';

/** Where n8n finds Postgres: what DB_POSTGRESDB_* hold. */
export interface PostgresService {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
	stop(): Promise<void>;
}

export interface RedisService {
	host: string;
	port: number;
	stop(): Promise<void>;
}

/** Every child the bench started here, killed when the bench process ends however it ends, and their folders. */
const children = new Set<ChildProcess>();
const folders = new Set<string>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Gone already.
	}
}

let guarded = false;
function guardExit(): void {
	if (guarded) return;
	guarded = true;
	process.once('exit', () => {
		for (const child of children) killGroup(child, 'SIGKILL');
		for (const folder of folders) rmSync(folder, { recursive: true, force: true });
	});
	// Ctrl+C: stop the services (and, through the 'exit' handler above and the harness's own, n8n).
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			process.stderr.write(`[bench] ${signal}: stopping Postgres, Redis and n8n\n`);
			process.exit(130);
		});
	}
}

/** Spawns a service in its own process group (to stop it and whatever it forked), its output kept. */
function startChild(command: string, args: string[], cwd: string): { child: ChildProcess; output: string[] } {
	guardExit();
	const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	const output: string[] = [];
	const collect = (chunk: Buffer): void => void output.push(...chunk.toString().split('\n').filter(Boolean));
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	children.add(child);
	child.once('exit', () => children.delete(child));
	return { child, output };
}

/** `signal` to the group, SIGKILL after `graceMs`; resolves once the child has exited. */
async function stopChild(child: ChildProcess, signal: NodeJS.Signals, graceMs = 10_000): Promise<void> {
	if (child.exitCode === null && child.signalCode === null) {
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		killGroup(child, signal);
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
	}
	killGroup(child, 'SIGKILL');
	children.delete(child);
}

function exec(command: string, args: string[], options: { cwd?: string } = {}): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile(command, args, { cwd: options.cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
			error ? reject(new Error(`${command} ${args.join(' ')} failed:\n${stdout}${stderr}`)) : resolve(stdout),
		);
	});
}

async function waitUntil(
	what: string,
	timeoutMs: number,
	ready: () => Promise<boolean>,
	dead: () => string | undefined,
) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const died = dead();
		if (died) throw new Error(`${what} exited before it was ready:\n${died}`);
		if (await ready()) return;
		await sleep(200);
	}
	throw new Error(`${what} was not ready after ${timeoutMs / 1000} s`);
}

const exitedWith = (child: ChildProcess, output: string[]) => (): string | undefined =>
	child.exitCode !== null || child.signalCode !== null ? output.slice(-30).join('\n') : undefined;

/** A fresh Postgres 15 cluster with one database for n8n, as a child process on a free port. */
export async function startPostgres(say: (line: string) => void = () => {}): Promise<PostgresService> {
	if (!existsSync(path.join(PG_BIN, 'postgres')))
		throw new Error(`Postgres 15 is not installed (${PG_BIN}): apt-get install -y postgresql-15`);
	const dir = await mkdtemp(path.join(os.tmpdir(), 'gong-bench-pg-'));
	folders.add(dir);
	const data = path.join(dir, 'data');
	const socket = path.join(dir, 'socket');
	const password = randomBytes(12).toString('hex');
	const uid = Number(execFileSync('id', ['-u', PG_USER], { encoding: 'utf8' }).trim());
	const gid = Number(execFileSync('id', ['-g', PG_USER], { encoding: 'utf8' }).trim());
	const passwordFile = path.join(dir, 'password');
	await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
	for (const owned of [dir, passwordFile]) chownSync(owned, uid, gid);
	const asPostgres = (command: string, args: string[]): Promise<string> =>
		exec('runuser', ['-u', PG_USER, '--', path.join(PG_BIN, command), ...args], { cwd: dir });
	await exec('runuser', ['-u', PG_USER, '--', 'mkdir', '-m', '0700', socket], { cwd: dir });
	// Passwords over TCP (what n8n uses), trust on the socket (the set-up below).
	await asPostgres('initdb', [
		'-D',
		data,
		'-U',
		PG_USER,
		`--pwfile=${passwordFile}`,
		'--auth-host=scram-sha-256',
		'--auth-local=trust',
		'--encoding=UTF8',
		'--no-instructions',
	]);
	await rm(passwordFile, { force: true });
	const port = await freePort();
	const { child, output } = startChild(
		'runuser',
		[
			'-u',
			PG_USER,
			'--',
			path.join(PG_BIN, 'postgres'),
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			socket,
			'-c',
			'listen_addresses=127.0.0.1',
		],
		dir,
	);
	const stop = async (): Promise<void> => {
		// SIGINT: Postgres's fast shutdown (SIGTERM would wait for every client to disconnect).
		await stopChild(child, 'SIGINT');
		await rm(dir, { recursive: true, force: true });
		folders.delete(dir);
	};
	let ready = false;
	try {
		await waitUntil(
			'Postgres',
			60_000,
			async () =>
				asPostgres('pg_isready', ['-h', socket, '-p', String(port)]).then(
					() => true,
					() => false,
				),
			exitedWith(child, output),
		);
		await asPostgres('createdb', ['-h', socket, '-p', String(port), 'n8n']);
		ready = true;
	} finally {
		// Not ready: nothing of it stays behind.
		if (!ready) await stop();
	}
	say(`Postgres 15 on 127.0.0.1:${port} (data in ${data})`);
	return { host: '127.0.0.1', port, database: 'n8n', user: PG_USER, password, stop };
}

/** `redis-server` (Debian's package redis-server), installed with apt-get if it is missing. */
async function ensureRedisServer(say: (line: string) => void): Promise<void> {
	const installed = (): boolean => {
		try {
			execFileSync('sh', ['-c', `command -v ${REDIS_SERVER}`], { stdio: 'ignore' });
			return true;
		} catch {
			return false;
		}
	};
	if (installed()) return;
	say('redis-server is missing: apt-get install -y redis-server');
	const install = () => exec('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server']);
	try {
		await install();
	} catch {
		await exec('apt-get', ['update']);
		await install();
	}
	if (!installed()) throw new Error('apt-get installed redis-server, but it is not on PATH');
}

/** A Redis without persistence (no RDB snapshots, no append-only file), as a child process on a free port. */
export async function startRedis(say: (line: string) => void = () => {}): Promise<RedisService> {
	await ensureRedisServer(say);
	const dir = await mkdtemp(path.join(os.tmpdir(), 'gong-bench-redis-'));
	folders.add(dir);
	const port = await freePort();
	const { child, output } = startChild(
		REDIS_SERVER,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
			'--dir',
			dir,
			'--loglevel',
			'warning',
		],
		dir,
	);
	const stop = async (): Promise<void> => {
		await stopChild(child, 'SIGTERM');
		await rm(dir, { recursive: true, force: true });
		folders.delete(dir);
	};
	let ready = false;
	try {
		await waitUntil(
			'Redis',
			30_000,
			async () =>
				exec('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping']).then(
					(answer) => answer.trim() === 'PONG',
					() => false,
				),
			exitedWith(child, output),
		);
		ready = true;
	} finally {
		// Not ready: nothing of it stays behind.
		if (!ready) await stop();
	}
	say(`Redis ${redisVersion()} on 127.0.0.1:${port} (no persistence)`);
	return { host: '127.0.0.1', port, stop };
}

function redisVersion(): string {
	try {
		return /v=(\S+)/.exec(execFileSync(REDIS_SERVER, ['--version'], { encoding: 'utf8' }))?.[1] ?? '';
	} catch {
		return '';
	}
}

/** Postgres and Redis for `use`, stopped afterwards whatever happens. */
export async function withQueueServices<T>(
	say: (line: string) => void,
	use: (services: { postgres: PostgresService; redis: RedisService }) => Promise<T>,
): Promise<T> {
	const redis = await startRedis(say);
	try {
		const postgres = await startPostgres(say);
		try {
			return await use({ postgres, redis });
		} finally {
			await postgres.stop();
		}
	} finally {
		await redis.stop();
	}
}
