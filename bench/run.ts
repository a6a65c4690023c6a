/**
 * `npm run bench`: this package's Gong node against n8n's built-in Gong node (n8n-nodes-base.gong),
 * both run by `n8n execute` in the same real n8n 2.41.1 against the Gong stand-in with Gong's rate
 * limit on. Prints a table per workload and node, and writes bench/RESULTS.md.
 *
 *   BENCH_RUNS (3)      runs per workload and node; every figure is the median
 *   BENCH_SCALE (1)     multiplies the workload sizes (0.1 for a quick check)
 *   BENCH_OUT           results file (bench/RESULTS.md; empty to skip writing)
 *   BENCH_ONLY          workloads to run (W1,W2,W3,W4,W4-durable,W5,W6,W6-stray,W7,W8,W9,W10)
 *   BENCH_WRITES_OUT    the write side's results file (bench/RESULTS-writes.md; empty to skip writing)
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { GongStandIn, type StandInCall, type StandInOptions } from '../test/stand-in/gong-stand-in';
import { accessKeyCredential } from '../e2e/harness/gong';
import {
	executionMs,
	N8N_VERSION,
	nodeOutput,
	N8nUserFolder,
	provisionN8n,
	REPO_ROOT,
	type ImportedCredential,
	type WorkflowJson,
	type WorkflowNode,
} from '../e2e/harness/n8n';
import { packPackage } from '../e2e/harness/pack';
import { installAsN8nDoes } from '../e2e/harness/installer';
import { apiRequests, median, type Measurement } from './figures';
import { logEntriesOf, setAuditLogs } from '../test/stand-in/routes/logs';
import { answeredScorecardsOf, setAnsweredScorecardCount } from '../test/stand-in/routes/stats';
import { measureTriggerCatchUp, triggerWorkload, type TriggerMeasurement } from './trigger';
import { measureWrites } from './writes';
import { measureStray, renderStray } from './stray';
import { measureQueue, QUEUE_IDS } from './queue';
import { transcriptsComplete, W1_TRANSCRIPTS, WINDOW, WINDOW_START, withTranscript } from './workloads';
import type { GongCallMetaData, GongMonologue, GongParty } from '../nodes/shared/helpers/interfaces';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const OUT = process.env.BENCH_OUT ?? path.join(REPO_ROOT, 'bench', 'RESULTS.md');
const WRITES_OUT = process.env.BENCH_WRITES_OUT ?? path.join(REPO_ROOT, 'bench', 'RESULTS-writes.md');
/** The stand-in's rate limits to run at (requests per rolling second). */
const LIMITS = [3, 1];
/** BENCH_ONLY=W1,W4 runs just those workloads. */
const ONLY = (process.env.BENCH_ONLY ?? 'W1,W2,W3,W4,W4-durable,W5,W6,W6-stray,W7,W8,W9,W10')
	.split(',')
	.map((id) => id.trim());

type NodeKind = 'ours' | 'built-in';

interface Workload {
	id: string;
	title: string;
	standIn: StandInOptions;
	/** Data set on the started stand-in (answered scorecards, audit logs). */
	prepare?: (standIn: GongStandIn) => void;
	/** The workflows to compare, by node. */
	workflows: Partial<Record<NodeKind, WorkflowJson>>;
	/** The node whose output is the workload's result. */
	resultNode: Record<NodeKind, string>;
	/** How many records the workload fetches (the basis of its request target). */
	records: (standIn: GongStandIn) => number;
	/** Whether the output is complete, checked against the stand-in's data. */
	complete: (kind: NodeKind, items: Array<Record<string, unknown>>, standIn: GongStandIn) => string | true;
	/** The issue's target for the number of requests. */
	target: (records: number) => number;
}

const manual: WorkflowNode = {
	id: 'b0000000-0000-4000-8000-000000000001',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function chain(name: string, nodes: WorkflowNode[]): WorkflowJson {
	const all = [manual, ...nodes];
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes: all, connections, settings: { executionOrder: 'v1' }, active: false };
}

/** What tells the two nodes apart in a workflow: type, authentication value, credential. */
const NODE_KINDS: Record<
	NodeKind,
	{ type: string; authentication: string; credential: Omit<ImportedCredential, 'data'> }
> = {
	ours: {
		type: 'n8n-nodes-gong.gong',
		authentication: 'accessKey',
		credential: { id: 'benchOursKey0001', name: 'Gong stand-in (ours)', type: 'gongAccessKeyApi' },
	},
	'built-in': {
		type: 'n8n-nodes-base.gong',
		authentication: 'accessToken',
		// n8n's gongApi holds the same fields as ours: baseUrl, accessKey, accessKeySecret.
		credential: { id: 'benchBuiltIn0001', name: 'Gong stand-in (built-in)', type: 'gongApi' },
	},
};

function gongNode(kind: NodeKind, name: string, parameters: Record<string, unknown>, index = 2): WorkflowNode {
	const { type, authentication, credential } = NODE_KINDS[kind];
	return {
		id: `b0000000-0000-4000-8000-0000000000${kind === 'ours' ? 0 : 1}${index}`,
		name,
		type,
		typeVersion: 1,
		position: [index * 220, 0],
		parameters: { authentication, ...parameters },
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	};
}

const ours = (name: string, parameters: Record<string, unknown>, index?: number): WorkflowNode =>
	gongNode('ours', name, parameters, index);
const builtIn = (name: string, parameters: Record<string, unknown>, index?: number): WorkflowNode =>
	gongNode('built-in', name, parameters, index);

const calls = (count: number): StandInOptions => ({
	calls: Math.round(count * SCALE),
	users: 25,
	startDate: WINDOW_START,
	callIntervalMinutes: 10,
	rateLimitPerSecond: 3,
	dailyLimit: 0,
});

const WORKLOADS: Workload[] = [
	{
		id: 'W1',
		title: 'transcripts with speaker names, every call of a 500-call window',
		standIn: calls(500),
		workflows: {
			ours: chain('W1 ours', [ours('Transcripts', W1_TRANSCRIPTS)]),
			'built-in': chain('W1 built-in', [
				builtIn('Calls', { resource: 'call', operation: 'getAll', returnAll: true, filters: WINDOW }),
				builtIn(
					'Call with transcript',
					{
						resource: 'call',
						operation: 'get',
						call: { __rl: true, mode: 'id', value: '={{ $json.metaData.id }}' },
						options: { properties: ['parties', 'transcript'] },
					},
					3,
				),
			]),
		},
		resultNode: { ours: 'Transcripts', 'built-in': 'Call with transcript' },
		records: (standIn) => withTranscript(standIn).size,
		complete: (kind, items, standIn) => {
			if (kind === 'ours') return transcriptsComplete(items, standIn);
			const expected = withTranscript(standIn);
			// The built-in returns speaker ids and the parties separately: a name is present when the
			// speaker id of every monologue is among the call's parties (the user still has to join them).
			let found = 0;
			let unnamed = 0;
			for (const item of items) {
				const meta = item.metaData as { id?: string } | undefined;
				const id = String(meta?.id ?? '');
				if (!expected.has(id)) continue;
				found++;
				const parties = new Set(
					((item.parties as Array<{ speakerId?: string }>) ?? []).map((party) => String(party.speakerId)),
				);
				const transcript = (item.transcript as Array<{ speakerId: string }> | undefined) ?? [];
				if (!transcript.length || transcript.some((monologue) => !parties.has(String(monologue.speakerId)))) unnamed++;
			}
			if (found !== expected.size) return `${found} of ${expected.size} calls with transcripts`;
			return unnamed ? `${unnamed} calls without nameable speakers` : true;
		},
		target: (records) => 2 * Math.ceil(records / 100) + 2,
	},
	{
		id: 'W2',
		title: 'every call of a 2,000-call window, with participants',
		standIn: calls(2000),
		workflows: {
			ours: chain('W2 ours', [
				ours('Calls', {
					resource: 'call',
					operation: 'getAll',
					returnAll: true,
					filters: WINDOW,
					include: ['parties'],
				}),
			]),
			'built-in': chain('W2 built-in', [
				builtIn('Calls', {
					resource: 'call',
					operation: 'getAll',
					returnAll: true,
					filters: WINDOW,
					options: { properties: ['parties'] },
				}),
			]),
		},
		resultNode: { ours: 'Calls', 'built-in': 'Calls' },
		records: (standIn) => standIn.calls.length,
		complete: (_kind, items, standIn) => {
			if (items.length !== standIn.calls.length) return `${items.length} of ${standIn.calls.length} calls`;
			const missing = items.filter((item) => !(item.parties as unknown[] | undefined)?.length);
			return missing.length ? `${missing.length} calls without participants` : true;
		},
		target: (records) => Math.ceil(records / 100) + 2,
	},
	{
		id: 'W3',
		title: 'every user of a 1,000-user company',
		standIn: { calls: 0, users: Math.round(1000 * SCALE), rateLimitPerSecond: 3, dailyLimit: 0 },
		workflows: {
			ours: chain('W3 ours', [ours('Users', { resource: 'user', operation: 'getAll', returnAll: true, filters: {} })]),
			'built-in': chain('W3 built-in', [
				builtIn('Users', { resource: 'user', operation: 'getAll', returnAll: true, filters: {} }),
			]),
		},
		resultNode: { ours: 'Users', 'built-in': 'Users' },
		records: (standIn) => standIn.users.length,
		complete: (_kind, items, standIn) => {
			const ids = new Set(items.map((item) => String(item.id)));
			const missing = standIn.users.filter((user) => !ids.has(user.id)).length;
			return missing ? `${missing} of ${standIn.users.length} users missing` : true;
		},
		target: (records) => Math.ceil(records / 100) + 2,
	},
	{
		id: 'W5',
		title: 'answered scorecards of a 2,000-call quarter (this package only: the built-in has no scorecards)',
		standIn: calls(2000),
		prepare: (standIn) =>
			void setAnsweredScorecardCount(standIn, Math.round(2000 * SCALE), { quarterOf: '2026-03-01' }),
		workflows: {
			ours: chain('W5 ours', [
				ours('Answered scorecards', {
					resource: 'scorecard',
					operation: 'getAllAnswered',
					dateType: 'call',
					fromDate: '2026-01-01',
					toDate: '2026-04-01',
					reviewMethod: 'BOTH',
					output: 'scorecard',
					returnAll: true,
				}),
			]),
		},
		resultNode: { ours: 'Answered scorecards', 'built-in': 'Answered scorecards' },
		records: (standIn) => answeredScorecardsOf(standIn).length,
		complete: (_kind, items, standIn) => {
			const expected = new Set(answeredScorecardsOf(standIn).map((card) => card.answeredScorecardId));
			const got = new Set(items.map((item) => String(item.answeredScorecardId)));
			const missing = [...expected].filter((id) => !got.has(id)).length;
			if (missing || items.length !== expected.size)
				return `${items.length} items, ${missing} of ${expected.size} missing`;
			return true;
		},
		// Requests = pages: nothing but Gong's pages of 100.
		target: (records) => Math.ceil(records / 100),
	},
	{
		id: 'W6',
		title: 'audit log entries of a 5,000-entry month (this package only: the built-in has no audit logs)',
		standIn: { calls: 30, users: 25, rateLimitPerSecond: 3, dailyLimit: 0 },
		prepare: (standIn) =>
			void setAuditLogs(standIn, {
				logType: 'UserActivityLog',
				count: Math.round(5000 * SCALE),
				from: '2026-03-01T00:00:00Z',
				to: '2026-04-01T00:00:00Z',
			}),
		workflows: {
			ours: chain('W6 ours', [
				ours('Audit log', {
					resource: 'auditLog',
					operation: 'getAll',
					logType: 'UserActivityLog',
					fromDateTime: '2026-03-01T00:00:00Z',
					toDateTime: '2026-04-01T00:00:00Z',
					returnAll: true,
				}),
			]),
		},
		resultNode: { ours: 'Audit log', 'built-in': 'Audit log' },
		records: (standIn) => logEntriesOf(standIn, 'UserActivityLog').length,
		complete: (_kind, items, standIn) => {
			const expected = logEntriesOf(standIn, 'UserActivityLog').length;
			return items.length === expected ? true : `${items.length} of ${expected} entries`;
		},
		target: (records) => Math.ceil(records / 100),
	},
];

interface Row {
	workload: string;
	node: NodeKind;
	limit: number;
	records: number;
	requests: number;
	target: number;
	tooMany: number;
	ok: string;
	complete: string;
	wallS: number;
	floorS: number;
	ratio: number;
	peakMb: number;
	aboveIdleMb: number;
}

async function main(): Promise<void> {
	const say = (line: string): void => void process.stdout.write(`[bench] ${line}\n`);
	const n8n = await provisionN8n((line) => say(line));
	say('packing the package and installing it into a fresh n8n user folder');
	const folder = await N8nUserFolder.create(n8n, path.join(REPO_ROOT, '.e2e', 'bench'));
	const tarball = await packPackage();
	await installAsN8nDoes(folder, tarball);

	if (ONLY.includes('W7') || ONLY.includes('W8')) {
		// The write side in its own user folder: binary data on disk, file access for its recording.
		const writes = await measureWrites(n8n, tarball, { runs: RUNS, scale: SCALE, only: ONLY, say });
		const text = writes.lines.join('\n');
		process.stdout.write(`\n${text}\n`);
		if (WRITES_OUT) await writeFile(WRITES_OUT, renderWriteResults(text));
		if (!ONLY.some((id) => id !== 'W7' && id !== 'W8')) return;
	}

	let queue = '';
	if (ONLY.some((id) => QUEUE_IDS.includes(id))) {
		// Queue mode (bench/queue.ts): its own Postgres, Redis and user folder.
		queue = await measureQueue(n8n, tarball, { runs: RUNS, scale: SCALE, only: ONLY, say });
		process.stdout.write(`\n${queue}\n`);
		if (!ONLY.some((id) => !QUEUE_IDS.includes(id) && id !== 'W7' && id !== 'W8')) return;
	}

	// The idle n8n: the same CLI running a workflow with nothing but its trigger.
	await folder.importWorkflows([{ ...chain('idle', []), id: 'benchIdle0000001' }]);
	const idlePeaks: number[] = [];
	for (let i = 0; i < 3; i++) idlePeaks.push((await folder.execute('benchIdle0000001')).peakRssMb);
	const idle = median(idlePeaks);
	say(`idle n8n execute: peak RSS ${idle.toFixed(0)} MB (median of 3)`);

	const rows: Row[] = [];
	for (const limit of LIMITS) {
		for (const workload of WORKLOADS.filter((candidate) => ONLY.includes(candidate.id))) {
			const standIn = await GongStandIn.start({ ...workload.standIn, rateLimitPerSecond: limit });
			try {
				workload.prepare?.(standIn);
				const { data } = accessKeyCredential(standIn);
				await folder.importCredentials(Object.values(NODE_KINDS).map(({ credential }) => ({ ...credential, data })));
				const kinds = (Object.keys(workload.workflows) as NodeKind[]).filter((kind) => limit === 3 || kind === 'ours');
				await folder.importWorkflows(
					kinds.map((kind) => ({ ...workload.workflows[kind]!, id: workflowId(workload.id, kind) })),
				);
				const records = workload.records(standIn);
				for (const kind of kinds) {
					const runs: Measurement[] = [];
					for (let i = 0; i < RUNS; i++) {
						standIn.clearLog();
						standIn.resetRateLimits();
						const result = await folder.execute(workflowId(workload.id, kind));
						const failed = result.run?.data.resultData.error?.message;
						const items = nodeOutput(result.run, workload.resultNode[kind]);
						const api = apiRequests(standIn);
						runs.push({
							requests: api.length,
							tooMany: api.filter((entry) => entry.status === 429).length,
							ok: result.code === 0 && !failed,
							complete: failed ? `failed: ${failed}` : workload.complete(kind, items, standIn),
							wallMs: executionMs(result.run),
							peakRssMb: result.peakRssMb,
						});
						const last = runs[runs.length - 1];
						say(
							`${workload.id} ${kind} @${limit}/s run ${i + 1}/${RUNS}: ${last.requests} requests, ${last.tooMany}×429, ${(last.wallMs / 1000).toFixed(1)} s, ${last.complete === true ? 'complete' : last.complete}`,
						);
					}
					rows.push(
						toRow({ workload: workload.id, node: kind, limit, records, target: workload.target(records) }, runs, idle),
					);
				}
			} finally {
				await standIn.stop();
			}
		}
	}

	const durableRows: string[] = [];
	const w4 = triggerWorkload(SCALE);
	if (ONLY.includes('W4')) {
		const byLimit = await measureTriggerCatchUp(folder, { limits: LIMITS, runs: RUNS, scale: SCALE, say });
		for (const [limit, runs] of byLimit) {
			rows.push(toRow({ workload: w4.id, node: 'ours', limit, records: w4.calls, target: w4.target }, runs, idle));
		}
	}
	if (ONLY.includes('W4-durable')) {
		// The same catch-up under n8n's durable scheduler, which abandons a poll after 45 s: at 1/s
		// the catch-up takes longer than that, so the trigger must split it over polls.
		const durable = await measureTriggerCatchUp(folder, {
			limits: [1],
			runs: RUNS,
			scale: SCALE,
			say,
			scheduler: 'durable',
		});
		for (const [limit, runs] of durable) durableRows.push(renderDurableRow(w4.id, limit, runs));
	}

	let stray = '';
	if (ONLY.includes('W6-stray')) {
		const w6 = WORKLOADS.find((workload) => workload.id === 'W6')!;
		const runs = await measureStray(
			folder,
			{ workflow: w6.workflows.ours!, standIn: w6.standIn, prepare: w6.prepare },
			{ runs: RUNS, say, credential: NODE_KINDS.ours.credential },
		);
		stray = renderStray(runs);
	}

	const cpu = shapingCpu(await thousandTranscripts());
	const table = renderTable(rows);
	const durableTable = durableRows.length ? [DURABLE_HEADER, ...durableRows].join('\n') : '';
	process.stdout.write(`\n${table}\n\n${durableTable}\n\n${stray}\n\n${cpu.line}\n`);
	if (OUT) {
		const results = renderResults(table, durableTable, cpu.line, idle);
		await writeFile(OUT, results + (stray ? `\n${stray}\n` : '') + (queue ? `\n${queue}` : ''));
	}
}

const DURABLE_HEADER = `| workload | scheduler | limit | succeeded | complete, exactly once | polls (calls each) | longest poll s (n8n's limit 45) | requests | 429s |
|---|---|---|---|---|---|---|---|---|`;

/** Medians over runs, except the poll split, shown for every run. */
function renderDurableRow(workload: string, limit: number, runs: TriggerMeasurement[]): string {
	const splits = runs.map((run) => `${run.perPoll.length} (${run.perPoll.join(' + ')})`).join('; ');
	const complete = runs.every((run) => run.complete === true)
		? 'yes'
		: String(runs.find((run) => run.complete !== true)?.complete);
	return `| ${workload} | durable | ${limit}/s | ${runs.filter((run) => run.ok).length}/${runs.length} | ${complete} | ${splits} | ${(median(runs.map((run) => run.longestPollMs)) / 1000).toFixed(1)} | ${median(runs.map((run) => run.requests))} | ${median(runs.map((run) => run.tooMany))} |`;
}

/**
 * One table row from the runs of a workload: medians, and the ratio within this run of the script.
 * Memory above idle: above the idle CLI for `n8n execute`, above the same process just before the
 * run for a poll in `n8n start`.
 */
function toRow(
	what: Pick<Row, 'workload' | 'node' | 'limit' | 'records' | 'target'>,
	runs: Measurement[],
	idle: number,
): Row {
	const requests = median(runs.map((run) => run.requests));
	const wallS = median(runs.map((run) => run.wallMs)) / 1000;
	// The floor counts the useful requests only (answers other than 429): a 429 is no work done.
	const floorS = median(runs.map((run) => run.requests - run.tooMany)) / what.limit;
	return {
		...what,
		requests,
		tooMany: median(runs.map((run) => run.tooMany)),
		ok: `${runs.filter((run) => run.ok).length}/${runs.length}`,
		complete: runs.every((run) => run.complete === true)
			? 'yes'
			: String(runs.find((run) => run.complete !== true)?.complete),
		wallS,
		floorS,
		// The median wall over the floor of the median useful requests.
		ratio: wallS / floorS,
		peakMb: median(runs.map((run) => run.peakRssMb)),
		aboveIdleMb: median(runs.map((run) => run.peakRssMb - (run.baseRssMb ?? idle))),
	};
}

const workflowId = (workload: string, kind: NodeKind): string =>
	`bench${workload}${kind === 'ours' ? 'Ours' : 'Base'}`.padEnd(16, '0');

/**
 * The node's own CPU time for shaping 1,000 transcripts into text: the built module n8n runs, in
 * this process, on data already in memory (no I/O, no waiting).
 */
function shapingCpu(calls: StandInCall[]): { line: string } {
	const { shapeTranscript } = require(
		path.join(REPO_ROOT, 'dist', 'nodes', 'shared', 'helpers', 'transcript.js'),
	) as typeof import('../nodes/shared/helpers/transcript');
	// As the node receives them: parsed JSON of Gong's shapes.
	const received = JSON.parse(JSON.stringify(calls)) as Array<{
		metaData: GongCallMetaData;
		parties: GongParty[];
		transcript: GongMonologue[];
	}>;
	const samples: number[] = [];
	for (let round = 0; round < 5; round++) {
		const before = process.cpuUsage();
		for (const call of received)
			shapeTranscript(call.metaData.id, call.transcript, call.metaData, call.parties, 'text');
		const used = process.cpuUsage(before);
		samples.push((used.user + used.system) / 1e6);
	}
	const monologues = calls.reduce((sum, call) => sum + (call.transcript?.length ?? 0), 0);
	return {
		line: `CPU time to shape ${calls.length} transcripts (${monologues} monologues) into text: ${median(samples).toFixed(3)} s (median of 5 rounds; target < 0.5 s)`,
	};
}

/** 1,000 calls with transcripts from the stand-in's deterministic generator. */
async function thousandTranscripts(): Promise<StandInCall[]> {
	const standIn = await GongStandIn.start({ calls: 1200, users: 25, rateLimitPerSecond: 0 });
	await standIn.stop();
	return standIn.calls.filter((call) => call.transcript?.length).slice(0, 1000);
}

function renderTable(rows: Row[]): string {
	const header =
		'| workload | node | limit | records | requests (target) | 429s | succeeded | complete | wall s | floor s | wall ÷ floor | peak MB (above idle) |';
	const rule = '|---|---|---|---|---|---|---|---|---|---|---|---|';
	const lines = rows.map(
		(row) =>
			`| ${row.workload} | ${row.node} | ${row.limit}/s | ${row.records} | ${row.requests} (≤ ${row.target}) | ${row.tooMany} | ${row.ok} | ${row.complete} | ${row.wallS.toFixed(1)} | ${row.floorS.toFixed(1)} | ${row.ratio.toFixed(2)} | ${row.peakMb.toFixed(0)} (+${row.aboveIdleMb.toFixed(0)}) |`,
	);
	return [header, rule, ...lines].join('\n');
}

function renderResults(table: string, durableTable: string, cpu: string, idle: number): string {
	return `# Benchmark results

Produced by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}.

- Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}
- n8n ${N8N_VERSION} (both nodes in the same n8n; the built-in is \`n8n-nodes-base.gong\` v1), this package from \`npm pack\`
- Runs per figure: ${RUNS} (median); sizes × ${SCALE}; the stand-in's rate limit per rolling second as in "limit"
- Wall time: the workflow's execution as n8n records it (first node's start to last node's end), without the CLI's start-up; for W4, whose poll runs before n8n creates the execution, from the poll's first request to Gong to the start of the execution it hands off; floor = useful requests (answers other than 429) ÷ limit
- Peak memory: the n8n execute process's VmHWM; idle = the same CLI running a trigger-only workflow: ${idle.toFixed(0)} MB; for W4, the \`n8n start\` process's peak VmRSS during the poll and its execution, above its VmRSS just before

${[...WORKLOADS, triggerWorkload(SCALE)]
	.filter((workload) => ONLY.includes(workload.id))
	.map((workload) => `- ${workload.id}: ${workload.title}`)
	.join('\n')}

${table}
${durableTable ? `\nW4 again with n8n's durable scheduler on (\`N8N_SCHEDULER_POLL_TRIGGERS_ENABLED\`), which abandons a poll after 45 s (per run: polls it took and the calls each emitted):\n\n${durableTable}\n` : ''}
${cpu}
`;
}

function renderWriteResults(text: string): string {
	return `# Benchmark results: the write side

Produced by \`npm run bench\` (bench/run.ts, bench/writes.ts) on ${new Date().toISOString().slice(0, 10)}.

- Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}
- n8n ${N8N_VERSION}, this package from \`npm pack\`; runs per figure: ${RUNS} (median); sizes × ${SCALE}
- Peak memory: the \`n8n execute\` process's VmHWM, above the same CLI running a trigger-only workflow

${text}
`;
}

main().catch((error: unknown) => {
	process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
