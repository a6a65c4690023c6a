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
 */
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { GongStandIn } from '../test/stand-in/gong-stand-in';
import { accessKeyCredential, exampleWorkflow, EXAMPLES, oauthCredential, sampleStandInOptions } from './harness/gong';
import { N8nUserFolder, provisionN8n, REPO_ROOT, run, type ImportedCredential } from './harness/n8n';
import { setUpOwner } from './harness/rest';

const say = (line: string): void => void process.stdout.write(`[dev] ${line}\n`);

async function main(): Promise<void> {
	const editorPort = Number(process.env.N8N_PORT ?? 5678);
	const standInPort = Number(process.env.GONG_STAND_IN_PORT ?? 5690);
	const root = path.resolve(REPO_ROOT, process.env.GONG_DEV_FOLDER ?? path.join('.e2e', 'dev'));

	say('1/6 n8n: checking the pinned install (the first run downloads about 2.9 GB and takes 5–6 minutes)');
	const n8n = await provisionN8n((line) => say(`    ${line}`));

	say('2/6 building the package (npm run build)');
	await run('npm', ['run', 'build', '--silent'], REPO_ROOT);

	const fresh = process.env.GONG_DEV_FRESH === '1' || !existsSync(path.join(root, 'encryption-key'));
	if (fresh) {
		say(`3/6 creating an n8n user folder in ${path.relative(REPO_ROOT, root)}/ with this repository linked as a community package`);
		await rm(root, { recursive: true, force: true });
		await mkdir(root, { recursive: true });
	} else {
		say(`3/6 reusing the n8n user folder in ${path.relative(REPO_ROOT, root)}/ (GONG_DEV_FRESH=1 starts over)`);
	}
	const keyFile = path.join(root, 'encryption-key');
	const encryptionKey = fresh ? undefined : (await readFile(keyFile, 'utf8')).trim();
	const folder = fresh
		? await N8nUserFolder.create(n8n, root)
		: new N8nUserFolder(n8n, root, { encryptionKey });
	if (fresh) {
		await writeFile(keyFile, folder.encryptionKey, { mode: 0o600 });
		await folder.linkRepository();
	}

	say(`4/6 starting the Gong stand-in on http://127.0.0.1:${standInPort} (sample company, 3 requests/s like Gong)`);
	const standIn = await GongStandIn.start(sampleStandInOptions(Date.now(), { generic: standInPort, customer: standInPort + 1 }));
	const credentials: ImportedCredential[] = [
		accessKeyCredential(standIn),
		oauthCredential(standIn, { ...standIn.issueToken() }),
	];
	const real = realGongCredential();
	if (real) credentials.push(real);

	say(`5/6 importing ${credentials.length} credentials${fresh ? ` and ${Object.keys(EXAMPLES).length} example workflows` : ''}`);
	await folder.importCredentials(credentials);
	if (fresh) {
		const access = credentials[0];
		await folder.importWorkflows(
			await Promise.all((Object.keys(EXAMPLES) as Array<keyof typeof EXAMPLES>).map((name) => exampleWorkflow(name, access))),
		);
	}

	say(`6/6 starting n8n ${n8n.version} on http://localhost:${editorPort}`);
	const n8nLog = createWriteStream(path.join(root, 'n8n.log'), { flags: 'a' });
	const n8nProcess = await folder.start(editorPort, {
		log: (line) => {
			n8nLog.write(`${line}\n`);
			// n8n's own complaints about n8n.io being unreachable (no internet here) are noise; the rest is in n8n.log.
			if (/n8n\.io|Strapi|^\s+at |runner|system task/i.test(line)) return;
			if (/error|warn|gong|Editor is now accessible/i.test(line)) process.stdout.write(`[n8n] ${line}\n`);
		},
	});
	const owner = await setUpOwner(n8nProcess.url);

	let logged = 0;
	const requestLog = setInterval(() => {
		for (; logged < standIn.log.length; logged++) {
			const entry = standIn.log[logged];
			if (entry.status) process.stdout.write(`[gong] ${entry.method} ${entry.path} → ${entry.status}\n`);
			else break;
		}
	}, 500);

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

	let stopping = false;
	const stop = async (code: number): Promise<void> => {
		if (stopping) return;
		stopping = true;
		clearInterval(requestLog);
		say('stopping n8n and the stand-in');
		await n8nProcess.stop();
		await standIn.stop();
		n8nLog.end();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));
	const exitCode = await n8nProcess.exit;
	if (!stopping) {
		say(`n8n exited with ${exitCode}`);
		await stop(exitCode || 1);
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
