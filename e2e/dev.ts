/**
 * `npm run dev`: the package in a real n8n on this machine, without a Gong account.
 *
 * Installs the pinned n8n (once, cached), builds and links this repository as a community package,
 * starts the Gong stand-in with sample data around today, imports credentials that point at it and
 * the example workflows, and starts n8n on localhost. Ctrl+C stops everything.
 *
 * Environment:
 *   N8N_PORT (5678)                     the editor's port
 *   GONG_STAND_IN_PORT (5690)           the stand-in's generic host; the per-customer host is the next port
 *   GONG_BASE_URL, GONG_ACCESS_KEY, GONG_ACCESS_KEY_SECRET
 *                                       also import a credential for your real Gong company
 *   GONG_DEV_FRESH=1                    start from an empty n8n user folder
 *   GONG_DEV_FOLDER (.e2e/dev)          the n8n user folder (kept between runs)
 *
 * Stopping: SIGINT, SIGTERM or SIGHUP to this process, to `npm run dev` or to the terminal's process
 * group stops n8n (SIGTERM, SIGKILL after N8N_STOP_GRACE_MS, its task runner with it) and the
 * stand-in, then exits. npm does not pass signals on to this process (see watchLaunchers).
 */
import { createWriteStream, existsSync, readFileSync, type WriteStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { GongStandIn } from '../test/stand-in/gong-stand-in';
import { accessKeyCredential, exampleWorkflow, EXAMPLES, oauthCredential, sampleStandInOptions } from './harness/gong';
import {
	N8nUserFolder,
	procStatus,
	provisionN8n,
	REPO_ROOT,
	run,
	type ImportedCredential,
	type RunningN8n,
} from './harness/n8n';
import { setUpOwner } from './harness/rest';

const say = (line: string): void => void process.stdout.write(`[dev] ${line}\n`);

/** How long n8n may take to shut down before it is killed (it is told to take at most 3 s). */
const N8N_STOP_GRACE_MS = 5_000;

/** What `stop` stops: each part set as it starts. */
const running: { n8n?: RunningN8n; standIn?: GongStandIn; timers: NodeJS.Timeout[]; n8nLog?: WriteStream } = {
	timers: [],
};
let stopping = false;

/**
 * Stops whatever has started so far and exits. A second request while stopping exits at once; the
 * `exit` hook of the harness then kills n8n's process group.
 */
async function stop(code: number, why: string): Promise<void> {
	if (stopping) {
		say(`${why} again: killing n8n`);
		process.exit(code);
	}
	stopping = true;
	for (const timer of running.timers) clearInterval(timer);
	say(`${why}: stopping ${running.n8n ? 'n8n and ' : ''}${running.standIn ? 'the stand-in' : 'the start'}`);
	await running.n8n?.stop(N8N_STOP_GRACE_MS);
	await running.standIn?.stop();
	running.n8nLog?.end();
	process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0, signal));

async function main(): Promise<void> {
	running.timers.push(watchLaunchers((why) => void (stopping || stop(0, why))));

	const editorPort = Number(process.env.N8N_PORT ?? 5678);
	const standInPort = Number(process.env.GONG_STAND_IN_PORT ?? 5690);
	const root = path.resolve(REPO_ROOT, process.env.GONG_DEV_FOLDER ?? path.join('.e2e', 'dev'));

	say('1/6 n8n: checking the pinned install (the first run downloads about 2.9 GB and takes 5–6 minutes)');
	const n8n = await provisionN8n((line) => say(`    ${line}`));

	say('2/6 building the package (npm run build)');
	await run('npm', ['run', 'build', '--silent'], REPO_ROOT);

	const fresh = process.env.GONG_DEV_FRESH === '1' || !existsSync(path.join(root, 'encryption-key'));
	if (fresh) {
		say(
			`3/6 creating an n8n user folder in ${path.relative(REPO_ROOT, root)}/ with this repository linked as a community package`,
		);
		await rm(root, { recursive: true, force: true });
		await mkdir(root, { recursive: true });
	} else {
		say(`3/6 reusing the n8n user folder in ${path.relative(REPO_ROOT, root)}/ (GONG_DEV_FRESH=1 starts over)`);
	}
	const keyFile = path.join(root, 'encryption-key');
	const encryptionKey = fresh ? undefined : (await readFile(keyFile, 'utf8')).trim();
	const folder = fresh ? await N8nUserFolder.create(n8n, root) : new N8nUserFolder(n8n, root, { encryptionKey });
	if (fresh) {
		await writeFile(keyFile, folder.encryptionKey, { mode: 0o600 });
		await folder.linkRepository();
	}

	say(`4/6 starting the Gong stand-in on http://127.0.0.1:${standInPort} (sample company, 3 requests/s like Gong)`);
	const standIn = await GongStandIn.start(
		sampleStandInOptions(Date.now(), { generic: standInPort, customer: standInPort + 1 }),
	);
	running.standIn = standIn;
	const credentials: ImportedCredential[] = [
		accessKeyCredential(standIn),
		oauthCredential(standIn, { ...standIn.issueToken() }),
	];
	const real = realGongCredential();
	if (real) credentials.push(real);

	say(
		`5/6 importing ${credentials.length} credentials${fresh ? ` and ${Object.keys(EXAMPLES).length} example workflows` : ''}`,
	);
	await folder.importCredentials(credentials);
	if (fresh) {
		const access = credentials[0];
		await folder.importWorkflows(
			await Promise.all(
				(Object.keys(EXAMPLES) as Array<keyof typeof EXAMPLES>).map((name) => exampleWorkflow(name, access)),
			),
		);
	}

	say(`6/6 starting n8n ${n8n.version} on http://localhost:${editorPort}`);
	const n8nLog = createWriteStream(path.join(root, 'n8n.log'), { flags: 'a' });
	running.n8nLog = n8nLog;
	const n8nProcess = await folder.start(editorPort, {
		// n8n waits 30 s for running executions by default; a stopped dev session should not.
		env: { N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '3' },
		log: (line) => {
			n8nLog.write(`${line}\n`);
			// n8n's own complaints about n8n.io being unreachable (no internet here) are noise; the rest is in n8n.log.
			if (/n8n\.io|Strapi|^\s+at |runner|system task/i.test(line)) return;
			if (/error|warn|gong|Editor is now accessible/i.test(line)) process.stdout.write(`[n8n] ${line}\n`);
		},
	});
	running.n8n = n8nProcess;
	const owner = await setUpOwner(n8nProcess.url);

	let logged = 0;
	const requestLog = setInterval(() => {
		for (; logged < standIn.log.length; logged++) {
			const entry = standIn.log[logged];
			if (entry.status) process.stdout.write(`[gong] ${entry.method} ${entry.path} → ${entry.status}\n`);
			else break;
		}
	}, 500);
	running.timers.push(requestLog);

	process.stdout.write(
		[
			'',
			'─────────────────────────────────────────────────────────────────────',
			`  n8n is running: open ${n8nProcess.url}`,
			`  sign in as ${owner.email} / ${owner.password} (a local account of this dev folder)`,
			'  Workflows: "Gong: calls of the last 7 days…", "Gong: latest transcripts…", "Gong: every user…"',
			'  Credentials: "Gong stand-in (access key)", "Gong stand-in (OAuth2)"' + (real ? `, "${real.name}"` : ''),
			`  Gong stand-in: ${standIn.baseUrl} (per-customer host ${standIn.customerBaseUrl})`,
			`  n8n's log: ${path.relative(REPO_ROOT, path.join(root, 'n8n.log'))}. Ctrl+C stops n8n and the stand-in.`,
			'─────────────────────────────────────────────────────────────────────',
			'',
		].join('\n'),
	);

	const exitCode = await n8nProcess.exit;
	if (!stopping) await stop(exitCode || 1, `n8n exited with ${exitCode}`);
}

/**
 * Stops dev when what started it is gone or was signalled, for the signals that never reach it.
 *
 * npm runs the script as `sh -c scripts/dev` and passes SIGINT and SIGTERM to that shell only, never
 * to its process group; a SIGHUP kills npm itself. Where sh is dash (Debian, Ubuntu) it does not exec
 * its command, so dev is the shell's child: SIGTERM and SIGHUP kill the shell, and SIGINT the shell
 * holds until its child exits. So every 500 ms dev checks that each process from its parent up to npm
 * still has the parent it had (none was killed), and that npm's shell has not woken up: waiting for
 * dev, it wakes only for a signal, or when dev itself was stopped and continued (Ctrl+Z, then fg),
 * which dev tells apart by its own SIGCONT. Without /proc (macOS, where sh is bash and execs the
 * script, so signals do reach dev), only whether those processes are alive is checked.
 */
function watchLaunchers(onGone: (why: string) => void): NodeJS.Timeout {
	// Each process and the parent it must keep: dev's parent, and through npm's `sh -c <script>` npm.
	const chain = [{ pid: process.pid, parent: process.ppid, name: 'the parent process' }];
	const script = process.env.npm_lifecycle_script;
	let shell: { pid: number; wakeUps: number } | undefined;
	const first = launcherStatus(process.ppid);
	if (script && first && readCommandLine(process.ppid).join(' ') === `${first.name} -c ${script}`) {
		chain[0].name = `npm's shell (${first.name} -c ${script})`;
		chain.push({ pid: process.ppid, parent: first.parent, name: 'npm' });
		shell = { pid: process.ppid, wakeUps: first.wakeUps };
	}

	let lastTick = Date.now();
	let continuedAt = 0;
	let wokenAt: number | undefined;
	process.on('SIGCONT', () => (continuedAt = Date.now()));
	return setInterval(() => {
		const now = Date.now();
		for (const link of chain) {
			const status = launcherStatus(link.pid);
			if (status ? status.parent !== link.parent : !isAlive(link.parent)) return onGone(`${link.name} is gone`);
		}
		const wakeUps = shell && launcherStatus(shell.pid)?.wakeUps;
		if (shell && wakeUps !== undefined && wakeUps !== shell.wakeUps) {
			// Decided on the next tick, once a SIGCONT to dev (it was stopped, not signalled) has been handled.
			if (wokenAt === undefined) wokenAt = lastTick;
			else if (continuedAt >= wokenAt) ((shell.wakeUps = wakeUps), (wokenAt = undefined));
			else return onGone(`npm's shell got a signal`);
		}
		lastTick = now;
	}, 500);
}

/** Name, parent and voluntary context switches (how often it woke from a wait) of a process; undefined without /proc. */
function launcherStatus(pid: number): { name: string; parent: number; wakeUps: number } | undefined {
	try {
		const status = procStatus(pid);
		return { name: status.Name ?? '', parent: Number(status.PPid), wakeUps: Number(status.voluntary_ctxt_switches) };
	} catch {
		return undefined;
	}
}

function readCommandLine(pid: number): string[] {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
	} catch {
		return [];
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** A credential for the person's own Gong company, when its access key is in the environment. */
function realGongCredential(): ImportedCredential | undefined {
	const { GONG_ACCESS_KEY: accessKey, GONG_ACCESS_KEY_SECRET: accessKeySecret } = process.env;
	if (!accessKey || !accessKeySecret) return undefined;
	return {
		id: 'gongYourCompany1',
		name: 'Gong (your company)',
		type: 'gongAccessKeyApi',
		data: { baseUrl: process.env.GONG_BASE_URL ?? 'https://api.gong.io', accessKey, accessKeySecret },
	};
}

main().catch((error: unknown) => {
	process.stderr.write(`[dev] failed: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
