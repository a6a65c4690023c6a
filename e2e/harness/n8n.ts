/**
 * A real n8n, driven the way a person or a CI job drives it: the pinned n8n installed once into a
 * cache outside the repo (scripts/n8n-install.sh), a user folder per run, the n8n CLI for imports
 * and headless runs, `n8n start` for the editor.
 *
 * This is host tooling, not node code: it spawns processes and touches the file system, which the
 * community-node lint rules forbid inside nodes and their tests, so it lives outside `nodes/` and
 * `test/` (see eslint.config.mjs).
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The n8n version the package is tested with (README "Tested with"). */
export const N8N_VERSION = process.env.N8N_VERSION ?? '2.41.1';

export interface N8nInstall {
	version: string;
	/** Folder holding node_modules/n8n. */
	dir: string;
	/** n8n's CLI entry point. */
	bin: string;
	/** The Node binary n8n runs on: the oldest its major supports (scripts/n8n-install.sh). */
	node: string;
	/** n8n's major version: the CLI differs between 1.x and 2.x. */
	major: number;
	/** The major version of `node`. */
	nodeMajor: number;
}

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
	ms: number;
}

/** A credential as `n8n import:credentials` takes it: plain data, n8n encrypts it. */
export interface ImportedCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	active?: boolean;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	[key: string]: unknown;
}

/** What `n8n execute --rawOutput` prints: the run of one execution. */
export interface ExecutionRun {
	data: {
		resultData: {
			error?: { message: string; description?: string; context?: Record<string, unknown> };
			lastNodeExecuted?: string;
			runData: Record<
				string,
				Array<{
					startTime: number;
					executionTime: number;
					error?: { message: string };
					/** n8n's execution hints (what the node showed under its output). */
					hints?: Array<{ message: string }>;
					data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> };
				}>
			>;
		};
	};
}

export interface ExecuteResult extends CliResult {
	run: ExecutionRun | undefined;
	/** The n8n process's peak resident memory (VmHWM), in MB. */
	peakRssMb: number;
}

/**
 * This process's environment without the test runner's own settings, for the processes it starts:
 * n8n treats NODE_ENV=test (set by vitest) as its own test mode, and `n8n start` then exits.
 */
export function withoutTestRunnerEnv(): NodeJS.ProcessEnv {
	return Object.fromEntries(
		Object.entries(process.env).filter(
			([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'NODE_OPTIONS',
		),
	);
}

/** Installs the pinned n8n if the cache does not have it yet; the install's progress goes to stderr. */
export async function provisionN8n(
	log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<N8nInstall> {
	const script = path.join(REPO_ROOT, 'scripts', 'n8n-install.sh');
	const dir = await new Promise<string>((resolve, reject) => {
		const child = spawn('bash', [script], {
			env: { ...process.env, N8N_VERSION },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => {
			for (const line of chunk.toString().split('\n')) if (line.trim() && !line.includes('Unknown')) log(line);
		});
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0 ? resolve(stdout.trim().split('\n').pop() ?? '') : reject(new Error(`${script} exited with ${code}`)),
		);
	});
	const bin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	if (!existsSync(bin)) throw new Error(`n8n is not installed in ${dir}: remove that folder and run again`);
	const node = readFileSync(path.join(dir, '.node'), 'utf8').trim();
	const nodeMajor = Number(
		execFileSync(node, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).trim(),
	);
	return { version: N8N_VERSION, dir, bin, node, major: Number(N8N_VERSION.split('.')[0]), nodeMajor };
}

export interface UserFolderOptions {
	/** Defaults to a fresh random key: n8n encrypts stored credentials with it. */
	encryptionKey?: string;
	/** Extra environment for every n8n process of this folder. */
	env?: Record<string, string>;
}

/** One n8n user folder (its SQLite database, settings and community packages) and the CLI over it. */
export class N8nUserFolder {
	readonly encryptionKey: string;

	private readonly extraEnv: Record<string, string>;

	constructor(
		readonly n8n: N8nInstall,
		readonly root: string,
		options: UserFolderOptions = {},
	) {
		this.encryptionKey = options.encryptionKey ?? randomBytes(24).toString('hex');
		this.extraEnv = options.env ?? {};
	}

	/** A brand-new user folder (anything already at `root` is removed). */
	static async create(n8n: N8nInstall, root: string, options: UserFolderOptions = {}): Promise<N8nUserFolder> {
		await rm(root, { recursive: true, force: true });
		await mkdir(path.join(root, '.n8n', 'nodes', 'node_modules'), { recursive: true });
		return new N8nUserFolder(n8n, root, options);
	}

	get nodesDir(): string {
		return path.join(this.root, '.n8n', 'nodes');
	}

	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		// n8n reads its configuration from the environment only; nothing of the caller's N8N_* leaks in.
		const inherited = Object.fromEntries(
			Object.entries(withoutTestRunnerEnv()).filter(([key]) => !key.startsWith('N8N_')),
		);
		return {
			...inherited,
			N8N_USER_FOLDER: this.root,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			// n8n's list of verified community nodes is fetched from n8n.io, which this machine cannot reach.
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			N8N_REINSTALL_MISSING_PACKAGES: 'false',
			N8N_SECURE_COOKIE: 'false',
			// Lets two n8n processes (a CLI run beside `n8n start`) coexist.
			N8N_RUNNERS_BROKER_PORT: '0',
			// n8n 1.123's default expression engine needs isolated-vm 6, which builds only on Node
			// >= 22; on Node 20 (the oldest it supports) n8n must run its legacy engine.
			...(this.n8n.major < 2 && this.n8n.nodeMajor < 22 ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
			N8N_LOG_LEVEL: 'warn',
			DB_SQLITE_POOL_SIZE: '2',
			...this.extraEnv,
			...extra,
		};
	}

	/** Runs `n8n <args>` to completion. */
	cli(args: string[], options: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<CliResult> {
		const started = Date.now();
		return new Promise((resolve) => {
			execFile(
				this.n8n.node,
				[this.n8n.bin, ...args],
				{
					cwd: this.root,
					env: this.env(options.env),
					timeout: options.timeoutMs ?? 120_000,
					maxBuffer: 256 * 1024 * 1024,
				},
				(error, stdout, stderr) => {
					const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
					resolve({ code, stdout, stderr, ms: Date.now() - started });
				},
			);
		});
	}

	private async cliOk(args: string[]): Promise<CliResult> {
		const result = await this.cli(args);
		if (result.code !== 0) {
			throw new Error(`n8n ${args.join(' ')} failed (exit ${result.code}):\n${tail(result.stdout + result.stderr)}`);
		}
		return result;
	}

	/** The repository itself, linked (`npm run dev`): a rebuild shows up on n8n's next start. */
	async linkRepository(): Promise<void> {
		await symlink(REPO_ROOT, path.join(this.nodesDir, 'node_modules', 'n8n-nodes-gong'), 'dir');
	}

	async importCredentials(credentials: ImportedCredential[]): Promise<void> {
		const file = path.join(this.root, 'import-credentials.json');
		await writeFile(file, JSON.stringify(credentials, null, 2));
		try {
			await this.cliOk(['import:credentials', `--input=${file}`]);
		} finally {
			// The file holds secrets in plain text: it lives only as long as the import.
			await rm(file, { force: true });
		}
	}

	async importWorkflows(workflows: WorkflowJson[]): Promise<void> {
		const dir = path.join(this.root, 'import-workflows');
		await rm(dir, { recursive: true, force: true });
		await mkdir(dir);
		for (const [index, workflow] of workflows.entries()) {
			await writeFile(path.join(dir, `${index}.json`), JSON.stringify(workflow, null, 2));
		}
		await this.cliOk(['import:workflow', '--separate', `--input=${dir}`]);
	}

	/** Activates a workflow for the next `n8n start` (n8n 2.x publishes its current version). */
	async publishWorkflow(workflowId: string): Promise<void> {
		if (this.n8n.major >= 2) await this.cliOk(['publish:workflow', `--id=${workflowId}`]);
		else await this.cliOk(['update:workflow', `--id=${workflowId}`, '--active=true']);
	}

	/** The stored credentials, decrypted (to see what n8n persisted after an OAuth refresh). */
	async exportCredentials(): Promise<ImportedCredential[]> {
		const file = path.join(this.root, 'export-credentials.json');
		try {
			await this.cliOk(['export:credentials', '--all', '--decrypted', `--output=${file}`]);
			return JSON.parse(await readFile(file, 'utf8')) as ImportedCredential[];
		} finally {
			await rm(file, { force: true });
		}
	}

	/** `n8n execute --id <id> --rawOutput`: the run's JSON follows n8n's log lines on stdout. */
	async execute(workflowId: string): Promise<ExecuteResult> {
		const started = Date.now();
		// Output to files, not pipes: n8n exits right after printing, and a run JSON of many megabytes
		// written to a pipe is cut off at exit (a file write is synchronous). The files stay for reading
		// after a failed test (the user folder is git-ignored and thrown away).
		const outFile = path.join(this.root, `execute-${workflowId}.out`);
		const errFile = path.join(this.root, `execute-${workflowId}.err`);
		const out = openSync(outFile, 'w');
		const err = openSync(errFile, 'w');
		const child = spawn(this.n8n.node, [this.n8n.bin, 'execute', `--id=${workflowId}`, '--rawOutput'], {
			cwd: this.root,
			// The run's JSON is logged at level info: a quieter level prints nothing.
			env: this.env({ N8N_LOG_LEVEL: 'info' }),
			stdio: ['ignore', out, err],
		});
		let peakMb = 0;
		const sample = (): void => {
			try {
				peakMb = Math.max(peakMb, procMemoryMb(child.pid!, 'VmHWM'));
			} catch {
				// Exited between two samples: VmHWM only grows, so the last sample stands.
			}
		};
		const sampler = setInterval(sample, 50);
		const timeout = setTimeout(() => child.kill('SIGKILL'), 300_000);
		const code = await new Promise<number>((resolve) => child.on('exit', (exitCode) => resolve(exitCode ?? 1)));
		clearInterval(sampler);
		clearTimeout(timeout);
		closeSync(out);
		closeSync(err);
		const stdout = await readFile(outFile, 'utf8');
		const stderr = await readFile(errFile, 'utf8');
		return { code, stdout, stderr, ms: Date.now() - started, run: parseRun(stdout), peakRssMb: peakMb };
	}

	/**
	 * `n8n start` on 127.0.0.1; resolves once the editor answers. With `worker`, `n8n worker` (queue
	 * mode) instead, its health server on `port`; resolves once the worker reports itself ready.
	 */
	async start(
		port: number,
		options: { env?: Record<string, string>; log?: (line: string) => void; worker?: { concurrency: number } } = {},
	): Promise<RunningN8n> {
		// `n8n start` and `n8n worker` launch their task runner against the broker port, so that port must be a real one.
		const brokerPort = await freePort();
		const [command, env] = options.worker
			? [
					['worker', `--concurrency=${options.worker.concurrency}`],
					{
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(port),
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					},
				]
			: [
					['start'],
					{
						N8N_PORT: String(port),
						N8N_LISTEN_ADDRESS: '127.0.0.1',
						N8N_HOST: 'localhost',
						N8N_EDITOR_BASE_URL: `http://localhost:${port}`,
					},
				];
		// Its own process group (detached), so that stopping it reaches its task runner too, and a
		// watchdog inside it, so that it does not outlive this process (see N8N_PARENT_WATCHDOG).
		const child = spawn(this.n8n.node, ['--import', N8N_PARENT_WATCHDOG, this.n8n.bin, ...command], {
			cwd: this.root,
			env: this.env({
				...env,
				N8N_LOG_LEVEL: 'info',
				N8N_RUNNERS_BROKER_PORT: String(brokerPort),
				...options.env,
			}),
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		// Never leave an n8n behind when this process ends early (a failed test, Ctrl+C).
		const orphanGuard = (): void => killGroup(child, 'SIGKILL');
		process.once('exit', orphanGuard);
		child.once('exit', () => process.removeListener('exit', orphanGuard));
		const host = options.worker ? '127.0.0.1' : 'localhost';
		const running = new RunningN8n(child, `http://${host}:${port}`, options.log);
		await running.ready();
		return running;
	}
}

export class RunningN8n {
	readonly output: string[] = [];

	private exited: Promise<number>;

	constructor(
		private readonly child: ChildProcess,
		readonly url: string,
		log?: (line: string) => void,
	) {
		const collect = (chunk: Buffer): void => {
			for (const line of chunk.toString().split('\n')) {
				if (!line.trim()) continue;
				this.output.push(line);
				log?.(line);
			}
		};
		child.stdout?.on('data', collect);
		child.stderr?.on('data', collect);
		this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	async ready(timeoutMs = 120_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		let exitCode: number | undefined;
		void this.exited.then((code) => (exitCode = code));
		while (Date.now() < deadline) {
			if (exitCode !== undefined)
				throw new Error(`n8n exited with ${exitCode} before it was ready:\n${tail(this.output.join('\n'))}`);
			// n8n keeps running when its port is taken; answering /healthz would then be another n8n.
			if (this.output.some((line) => line.includes('is already in use'))) {
				await this.stop();
				throw new Error(
					`n8n could not listen on ${this.url}: ${this.output.find((line) => line.includes('is already in use'))}`,
				);
			}
			try {
				const response = await fetch(`${this.url}/healthz/readiness`);
				if (response.ok) return;
			} catch {
				// Not listening yet.
			}
			await sleep(250);
		}
		throw new Error(`n8n was not ready after ${timeoutMs / 1000} s:\n${tail(this.output.join('\n'))}`);
	}

	/** SIGTERM to n8n and its task runner, SIGKILL after `graceMs`; resolves once both are gone. */
	async stop(graceMs = 15_000): Promise<void> {
		if (this.child.exitCode === null && this.child.signalCode === null) {
			killGroup(this.child, 'SIGTERM');
			const timer = setTimeout(() => killGroup(this.child, 'SIGKILL'), graceMs);
			await this.exited;
			clearTimeout(timer);
		}
		// Whatever of its group outlived n8n (its task runner) goes with it.
		killGroup(this.child, 'SIGKILL');
	}

	/** Resolves with the exit code when n8n stops on its own (or is stopped). */
	get exit(): Promise<number> {
		return this.exited;
	}
}

/**
 * Loaded into `n8n start` (`--import`): when the process that started n8n is gone (killed with
 * SIGKILL, say, so that it could not stop n8n), n8n kills its own process group, its task runner
 * included, instead of holding its ports as an orphan. Node's process.ppid is read once at start,
 * so the current parent comes from /proc (elsewhere: whether the first parent is still alive).
 */
const N8N_PARENT_WATCHDOG = `data:text/javascript,${encodeURIComponent(`
import { readFileSync } from 'node:fs';
const parent = process.ppid;
const parentAlive = () => {
	try { return Number(/^PPid:\\s*(\\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]) === parent; } catch {}
	try { process.kill(parent, 0); return true; } catch { return false; }
};
setInterval(() => {
	if (parentAlive()) return;
	try { process.kill(-process.pid, 'SIGKILL'); } catch { process.exit(1); }
}, 1000).unref();
`)}`;

/** Signals the process group `start` put n8n in (n8n and its task runner); nothing if it is gone. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// No process left in the group.
	}
}

/** A process's memory from /proc: VmRSS (now) or VmHWM (its peak so far), in MB; throws once it has exited. */
export function procMemoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	const match = /^(\d+) kB$/.exec(procStatus(pid)[field] ?? '');
	return match ? Number(match[1]) / 1024 : 0;
}

/** The fields of a process's /proc/<pid>/status (Name, PPid, VmHWM, …) as text; throws once it has exited. */
export function procStatus(pid: number): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const line of readFileSync(`/proc/${pid}/status`, 'utf8').split('\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trim();
	}
	return fields;
}

/**
 * The JSON `n8n execute --rawOutput` prints between its log lines (after a failed run, an error
 * report follows it), or undefined. n8n prints it indented, so it opens and closes with a lone brace.
 */
export function parseRun(stdout: string): ExecutionRun | undefined {
	const start = stdout.search(/^\{$/m);
	if (start < 0) return undefined;
	const end = stdout.slice(start).search(/^\}$/m);
	if (end < 0) return undefined;
	try {
		return JSON.parse(stdout.slice(start, start + end + 1)) as ExecutionRun;
	} catch {
		return undefined;
	}
}

/** How long the workflow ran, as n8n recorded it: first node's start to last node's end. */
export function executionMs(run: ExecutionRun | undefined): number {
	const tasks = Object.values(run?.data.resultData.runData ?? {}).flat();
	if (!tasks.length) return 0;
	return (
		Math.max(...tasks.map((task) => task.startTime + task.executionTime)) -
		Math.min(...tasks.map((task) => task.startTime))
	);
}

/** The JSON items a node put out on its first output in the run. */
export function nodeOutput(run: ExecutionRun | undefined, nodeName: string): Array<Record<string, unknown>> {
	const task = run?.data.resultData.runData[nodeName]?.[0];
	return task?.data?.main[0]?.map((item) => item.json) ?? [];
}

export async function run(
	command: string,
	args: string[],
	cwd: string,
	env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
	return await new Promise((resolve, reject) => {
		execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
			if (error) reject(new Error(`${command} ${args.join(' ')} failed:\n${tail(stdout + stderr)}`));
			else resolve(stdout);
		});
	});
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function tail(text: string, lines = 40): string {
	return text.split('\n').slice(-lines).join('\n');
}
