/**
 * `npm run dev` as a person uses it: the command starts, says where to go, the editor signs in with
 * the printed account, the example workflows and stand-in credentials are there, an example runs in
 * the editor against the stand-in, and Ctrl+C stops everything. So does a signal to npm alone, as an
 * IDE's stop button, a process manager or a script sends it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';

import { launchChromium } from './harness/browser';
import { EXAMPLES } from './harness/gong';
import { freePort, REPO_ROOT, sleep, withoutTestRunnerEnv } from './harness/n8n';
import { DEV_OWNER, loginBody } from './harness/rest';

describe('npm run dev', () => {
	let dev: ChildProcess;
	let output = '';
	let url = '';
	let browser: Browser;

	beforeAll(async () => {
		const editorPort = await freePort();
		const standInPort = await freePort();
		dev = spawn('bash', [path.join(REPO_ROOT, 'scripts', 'dev')], {
			cwd: REPO_ROOT,
			env: {
				...withoutTestRunnerEnv(),
				N8N_PORT: String(editorPort),
				GONG_STAND_IN_PORT: String(standInPort),
				GONG_DEV_FOLDER: path.join('.e2e', 'dev-test'),
				GONG_DEV_FRESH: '1',
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		process.once('exit', () => dev.kill('SIGKILL'));
		dev.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		dev.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const deadline = Date.now() + 10 * 60_000;
		while (!/n8n is running: open (\S+)/.test(output)) {
			if (dev.exitCode !== null || Date.now() > deadline)
				throw new Error(`npm run dev did not start:\n${output.slice(-4000)}`);
			await sleep(250);
		}
		url = /n8n is running: open (\S+)/.exec(output)![1];
		browser = await launchChromium();
	}, 15 * 60_000);

	afterAll(async () => {
		await browser?.close();
		if (dev && dev.exitCode === null) dev.kill('SIGKILL');
	});

	it('prints the URL and the account to sign in with, and says what it is doing', () => {
		expect(output).toContain(`sign in as ${DEV_OWNER.email} / ${DEV_OWNER.password}`);
		for (const step of [
			'1/6 n8n',
			'2/6 building',
			'3/6 creating an n8n user folder',
			'4/6 starting the Gong stand-in',
			'5/6 importing 2 credentials and 3 example workflows',
			'6/6 starting n8n',
		]) {
			expect(output).toContain(step);
		}
	});

	it('the editor has the example workflows and the stand-in credentials; an example runs against the stand-in', async () => {
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const login = await context.request.post(`${url}/rest/login`, {
			headers: { 'content-type': 'application/json' },
			data: loginBody(),
		});
		expect(login.status()).toBe(200);

		const workflows = (await (await context.request.get(`${url}/rest/workflows`)).json()) as {
			data: Array<{ id: string; name: string }>;
		};
		expect(workflows.data.map((workflow) => workflow.id).sort()).toEqual(
			Object.values(EXAMPLES)
				.map((example) => example.id)
				.sort(),
		);
		const credentials = (await (await context.request.get(`${url}/rest/credentials`)).json()) as {
			data: Array<{ name: string }>;
		};
		expect(credentials.data.map((credential) => credential.name).sort()).toEqual([
			'Gong stand-in (OAuth2)',
			'Gong stand-in (access key)',
		]);

		const page = await context.newPage();
		page.setDefaultTimeout(20_000);
		await page.goto(`${url}/workflow/${EXAMPLES.users.id}`);
		await page.getByTestId('execute-workflow-button').click();
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${EXAMPLES.users.node}"]`);
		await expect.poll(async () => await node.innerText(), { timeout: 60_000 }).toMatch(/40 items/);
		await mkdir(path.join(REPO_ROOT, '.e2e', 'screenshots'), { recursive: true });
		await page.screenshot({ path: path.join(REPO_ROOT, '.e2e', 'screenshots', '6-dev-users-example-run.png') });
		// dev prints the stand-in's log line as it reads it from the pipe: on a busy machine it can come
		// a moment after the editor shows the result.
		await expect
			.poll(() => output, { timeout: 15_000 })
			.toMatch(/\[gong\] POST \/v2\/users\/extensive → 200|\[gong\] GET \/v2\/users → 200/);
		await context.close();
	});

	it('Ctrl+C stops n8n and the stand-in', async () => {
		const exited = new Promise<number | null>((resolve) => dev.once('exit', (code) => resolve(code)));
		dev.kill('SIGINT');
		expect(await exited).toBe(0);
		await expect(fetch(`${url}/healthz`)).rejects.toThrow();
	});
});

describe('npm run dev stopped by a signal to the npm process alone (an IDE, a process manager, a script)', () => {
	let tree: number[] = [];

	afterEach(() => {
		// A failed test leaves nothing behind: every process of the tree it started.
		for (const pid of tree.filter(isRunning)) process.kill(pid, 'SIGKILL');
		tree = [];
	});

	it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
		'%s to npm stops n8n, its task runner, the stand-in and dev within seconds',
		async (signal) => {
			const editorPort = await freePort();
			const standInPort = await freePort();
			// Started as a person's tool starts it: its own session, no terminal, a signal to npm's pid only.
			const npm = spawn('npm', ['run', 'dev'], {
				cwd: REPO_ROOT,
				detached: true,
				env: {
					...withoutTestRunnerEnv(),
					N8N_PORT: String(editorPort),
					GONG_STAND_IN_PORT: String(standInPort),
					GONG_DEV_FOLDER: path.join('.e2e', 'dev-signal-test'),
				},
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let log = '';
			npm.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
			npm.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
			const deadline = Date.now() + 5 * 60_000;
			while (!log.includes('n8n is running')) {
				if (npm.exitCode !== null || Date.now() > deadline)
					throw new Error(`npm run dev did not start:\n${log.slice(-4000)}`);
				await sleep(250);
			}
			// npm, its `sh -c scripts/dev`, dev (Node), n8n and its task runner (in their own process group).
			tree = descendants(npm.pid!);
			expect(tree.length, processList(tree)).toBeGreaterThanOrEqual(5);
			const ports = [editorPort, standInPort, standInPort + 1];
			expect(await Promise.all(ports.map(portIsFree))).toEqual([false, false, false]);

			const sent = Date.now();
			process.kill(npm.pid!, signal);
			await expect.poll(() => processList(tree.filter(isRunning)), { timeout: 10_000, interval: 100 }).toBe('');
			await expect
				.poll(async () => await Promise.all(ports.map(portIsFree)), { timeout: 2_000, interval: 100 })
				.toEqual([true, true, true]);
			process.stdout.write(
				`${signal} to npm: n8n, its task runner, the stand-in, dev and npm gone after ${Date.now() - sent} ms\n`,
			);
			expect(log).toMatch(/\[dev\] .*: stopping n8n and the stand-in/);
		},
	);
});

/** The process and all its descendants, from /proc. */
function descendants(root: number): number[] {
	const children = new Map<number, number[]>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const stat = procStat(Number(entry));
		if (stat) children.set(stat.parent, [...(children.get(stat.parent) ?? []), Number(entry)]);
	}
	const all = [root];
	for (let index = 0; index < all.length; index++) all.push(...(children.get(all[index]) ?? []));
	return all;
}

/** Alive and not a zombie (a dead orphan no init has reaped yet keeps its /proc entry). */
function isRunning(pid: number): boolean {
	const stat = procStat(pid);
	return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

function procStat(pid: number): { state: string; parent: number } | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const [state, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return { state, parent: Number(parent) };
	} catch {
		return undefined;
	}
}

function processList(pids: number[]): string {
	return pids
		.map((pid) => {
			try {
				return `${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').slice(0, 120)}`;
			} catch {
				return `${pid} (gone)`;
			}
		})
		.join('\n');
}

async function portIsFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}
