/**
 * Queue mode (part of `npm run bench`): n8n 2.41.1 as a main process and 2 workers
 * (`n8n worker --concurrency=2`) over Postgres and Redis (bench/services.ts), the package installed
 * once in the user folder they share, as n8n installs it.
 *
 * - W9: four executions of W1 (every transcript of a 500-call window) started together, the way a
 *   queue-mode n8n is driven: four calls of a production webhook, which the main process answers
 *   at once (`responseMode: onReceived`) and hands to the workers through Redis. All four against
 *   one Gong company at 3 requests/s.
 * - W10: W4 (bench/trigger.ts) in queue mode: the Gong Trigger polls on the main process, the
 *   execution it starts runs on a worker.
 *
 * Floor = useful requests (answers other than 429) ÷ the company's limit.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { GongStandIn } from '../test/stand-in/gong-stand-in';
import { accessKeyCredential } from '../e2e/harness/gong';
import {
	freePort,
	N8N_VERSION,
	procMemoryMb,
	REPO_ROOT,
	sleep,
	N8nUserFolder,
	type N8nInstall,
	type RunningN8n,
	type WorkflowJson,
} from '../e2e/harness/n8n';
import { installAsN8nDoes } from '../e2e/harness/installer';
import { RestSession, setUpOwner } from '../e2e/harness/rest';
import { median } from './figures';
import { withQueueServices, type PostgresService, type RedisService } from './services';
import { measureTriggerCatchUp, triggerWorkload, type LaunchedN8n } from './trigger';
import { transcriptsComplete, W1_TRANSCRIPTS, WINDOW_START, withTranscript } from './workloads';

/** Gong's limit per company the queue-mode workloads run at (requests per rolling second). */
const LIMIT = 3;
const WORKERS = 2;
const CONCURRENCY = 2;
/** W9's executions, started together. */
const EXECUTIONS = 4;
const EXECUTION_TIMEOUT_MS = 5 * 60_000;

const CREDENTIAL = { id: 'benchQueueKey001', name: 'Gong stand-in (queue mode)', type: 'gongAccessKeyApi' };
const W9_WORKFLOW_ID = 'benchW9Webhook01';
const W9_PATH = 'bench-w9-transcripts';

export const QUEUE_IDS = ['W9', 'W10'];

/** The environment main, workers and every CLI command share: queue mode, Postgres, Redis. */
export function queueModeEnv(postgres: PostgresService, redis: RedisService): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		// n8n 2.41.1 warns that manual executions will move to the workers: its recommended setting.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
	};
}

interface ProcessMemory {
	/** Largest VmRSS sampled while measuring. */
	peakMb: number;
	/** VmRSS when measuring began. */
	baseMb: number;
	/** The process's VmHWM when measuring ended: its peak since it started, start-up included. */
	hwmMb: number;
}

/** A queue-mode n8n: one main (`n8n start`) and its workers (`n8n worker`), all over one user folder. */
export class QueueCluster implements LaunchedN8n {
	private sampler: NodeJS.Timeout | undefined;
	private memory = new Map<number, ProcessMemory>();
	/** What memoryFigures() found when sampling stopped. */
	private figures: ProcessMemory[] = [];

	private constructor(
		readonly main: RunningN8n,
		readonly workers: RunningN8n[],
		/** Where stop() leaves each process's log (main.log, worker-1.log, …). */
		readonly logs: string,
	) {}

	static async start(
		folder: N8nUserFolder,
		options: { env?: Record<string, string>; say: (line: string) => void; logs: string },
	): Promise<QueueCluster> {
		// The main first: it runs the database migrations the workers wait for.
		const main = await folder.start(await freePort(), { env: options.env });
		const workers = await Promise.allSettled(
			Array.from({ length: WORKERS }, async () =>
				folder.start(await freePort(), { env: options.env, worker: { concurrency: CONCURRENCY } }),
			),
		);
		const ready = workers.flatMap((worker) => (worker.status === 'fulfilled' ? [worker.value] : []));
		const cluster = new QueueCluster(main, ready, path.join(folder.root, 'logs', options.logs));
		const failed = workers.find((worker) => worker.status === 'rejected');
		if (failed) {
			await cluster.stop();
			return Promise.reject(failed.reason as Error);
		}
		options.say(
			`queue mode: main (pid ${main.pid}) and ${WORKERS} workers (pids ${ready.map((worker) => worker.pid).join(', ')}, --concurrency=${CONCURRENCY}) ready`,
		);
		return cluster;
	}

	get processes(): RunningN8n[] {
		return [this.main, ...this.workers];
	}

	/** Samples every process's VmRSS every 50 ms from now until memoryFigures(). */
	sampleMemory(): void {
		this.memory = new Map();
		for (const child of this.processes) {
			const rss = procMemoryMb(child.pid!, 'VmRSS');
			this.memory.set(child.pid!, { peakMb: rss, baseMb: rss, hwmMb: 0 });
		}
		this.sampler = setInterval(() => {
			for (const child of this.processes) {
				try {
					const entry = this.memory.get(child.pid!)!;
					entry.peakMb = Math.max(entry.peakMb, procMemoryMb(child.pid!, 'VmRSS'));
				} catch {
					// Exited: the measurement reports the failed executions.
				}
			}
		}, 50);
	}

	/** Stops sampling; main's figures, then each worker's (after stop(): those of when it stopped). */
	memoryFigures(): ProcessMemory[] {
		if (!this.sampler) return this.figures;
		clearInterval(this.sampler);
		this.sampler = undefined;
		this.figures = this.processes.map((child) => {
			const entry = this.memory.get(child.pid!) ?? { peakMb: 0, baseMb: 0, hwmMb: 0 };
			try {
				// The kernel updates VmHWM lazily: a sampled VmRSS can be a little above it.
				entry.hwmMb = Math.max(entry.peakMb, procMemoryMb(child.pid!, 'VmHWM'));
			} catch {
				// Exited.
			}
			return { ...entry };
		});
		return this.figures;
	}

	/** The executions each worker started (its log: "Worker started execution <id> (job <job>)"), of `ids` if given. */
	executionsPerWorker(ids?: Set<string>): string[][] {
		return this.workers.map((worker) =>
			worker.output
				.map((line) => /Worker started execution (\d+)/.exec(line)?.[1])
				.filter((id): id is string => id !== undefined && (!ids || ids.has(id))),
		);
	}

	async stop(): Promise<void> {
		this.memoryFigures();
		// Workers first, so that none picks up a job the main re-queues while stopping.
		await Promise.all(this.workers.map((worker) => worker.stop()));
		await this.main.stop();
		await mkdir(this.logs, { recursive: true });
		await writeFile(path.join(this.logs, 'main.log'), `${this.main.output.join('\n')}\n`);
		for (const [index, worker] of this.workers.entries())
			await writeFile(path.join(this.logs, `worker-${index + 1}.log`), `${worker.output.join('\n')}\n`);
	}
}

export interface QueueFigures {
	id: string;
	title: string;
	limit: number;
	/** Executions started (W9: 4; W10: the poll's executions). */
	executions: number;
	succeeded: number;
	complete: string | true;
	requests: number;
	tooMany: number;
	wallMs: number;
	/** Useful requests (answers other than 429) ÷ limit, in seconds. */
	floorS: number;
	ratio: number;
	main: ProcessMemory;
	workers: Array<ProcessMemory & { executions: number; allRuns?: boolean }>;
}

interface ExecutionSummary {
	id: string;
	status: string;
	startedAt: string | null;
	stoppedAt?: string | null;
}

/** W9's workflow: a production webhook (answered on receipt) → W1's Gong node. */
function webhookWorkflow(): WorkflowJson {
	return {
		id: W9_WORKFLOW_ID,
		name: 'W9 webhook → transcripts',
		nodes: [
			{
				id: 'b9000000-0000-4000-8000-000000000001',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'b9000000-0000-4000-8000-0000000000aa',
				parameters: { httpMethod: 'POST', path: W9_PATH, responseMode: 'onReceived', options: {} },
			},
			{
				id: 'b9000000-0000-4000-8000-000000000002',
				name: 'Transcripts',
				type: 'n8n-nodes-gong.gong',
				typeVersion: 1,
				position: [220, 0],
				parameters: { authentication: 'accessKey', ...W1_TRANSCRIPTS },
				credentials: { gongAccessKeyApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Transcripts', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** The JSON items a node put out first, from an execution as the REST API sends it (`flatted` run data). */
function nodeItems(folder: N8nUserFolder, flattedData: string, node: string): Array<Record<string, unknown>> {
	const flatted = require(path.join(folder.n8n.dir, 'node_modules', 'flatted')) as { parse: (text: string) => unknown };
	const data = flatted.parse(flattedData) as {
		resultData: {
			error?: { message?: string };
			runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> } }>>;
		};
	};
	return data.resultData.runData[node]?.[0]?.data?.main[0]?.map((item) => item.json) ?? [];
}

/** W1's check, and no transcript twice (W1's check counts items, which a duplicate could hide). */
function exactlyOnce(items: Array<Record<string, unknown>>, standIn: GongStandIn): string | true {
	const expected = withTranscript(standIn);
	const ids = items.map((item) => String(item.callId)).filter((id) => expected.has(id));
	const repeated = ids.length - new Set(ids).size;
	if (repeated) return `${repeated} transcripts more than once`;
	return transcriptsComplete(items, standIn);
}

/**
 * W9: `runs` times, four webhook calls at once, each an execution of W1 on a worker; waits until
 * all four have finished, checks each, and measures the company's requests and the processes' memory.
 */
export async function measureQueueMode(
	folder: N8nUserFolder,
	options: { runs: number; scale: number; say: (line: string) => void },
): Promise<QueueFigures[]> {
	const { say } = options;
	const standIn = await GongStandIn.start({
		// W1's company.
		calls: Math.round(500 * options.scale),
		users: 25,
		startDate: WINDOW_START,
		callIntervalMinutes: 10,
		rateLimitPerSecond: LIMIT,
		dailyLimit: 0,
	});
	let cluster: QueueCluster | undefined;
	try {
		await folder.importCredentials([{ ...CREDENTIAL, data: accessKeyCredential(standIn).data }]);
		await folder.importWorkflows([webhookWorkflow()]);
		await folder.publishWorkflow(W9_WORKFLOW_ID);
		say('W9: starting n8n in queue mode with the webhook workflow active');
		cluster = await QueueCluster.start(folder, { say, logs: 'W9' });
		await setUpOwner(cluster.main.url);
		const rest = await RestSession.login(cluster.main.url);
		const listExecutions = async (): Promise<ExecutionSummary[]> => {
			const query = encodeURIComponent(JSON.stringify({ workflowId: W9_WORKFLOW_ID }));
			return (await rest.request<{ results: ExecutionSummary[] }>('GET', `/executions?filter=${query}&limit=50`))
				.results;
		};

		const figures: QueueFigures[] = [];
		for (let run = 1; run <= options.runs; run++) {
			const before = new Set((await listExecutions()).map((execution) => execution.id));
			standIn.clearLog();
			standIn.resetRateLimits();
			cluster.sampleMemory();
			const answers = await Promise.all(
				Array.from({ length: EXECUTIONS }, (_, index) =>
					fetch(`${cluster!.main.url}/webhook/${W9_PATH}`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ run, execution: index + 1 }),
					}).then(async (response) => `${response.status} ${await response.text()}`),
				),
			);
			const refused = answers.filter((answer) => !answer.startsWith('200'));
			if (refused.length) throw new Error(`W9: the webhook refused ${refused.length} calls: ${refused.join('; ')}`);

			let finished: ExecutionSummary[] = [];
			const deadline = Date.now() + EXECUTION_TIMEOUT_MS;
			for (;;) {
				const mine = (await listExecutions()).filter((execution) => !before.has(execution.id));
				finished = mine.filter((execution) => execution.stoppedAt);
				if (finished.length >= EXECUTIONS) break;
				if (Date.now() > deadline)
					throw new Error(
						`W9: ${finished.length} of ${EXECUTIONS} executions finished after ${EXECUTION_TIMEOUT_MS / 1000} s (${mine.map((execution) => `${execution.id} ${execution.status}`).join(', ')})`,
					);
				await sleep(500);
			}
			const [main, ...workers] = cluster.memoryFigures();

			const checks: Array<string | true> = [];
			for (const execution of finished) {
				const detail = await rest.request<{ status: string; data: string }>('GET', `/executions/${execution.id}`);
				checks.push(
					detail.status === 'success'
						? exactlyOnce(nodeItems(folder, detail.data, 'Transcripts'), standIn)
						: `execution ${execution.id} ${detail.status}`,
				);
			}
			const ids = new Set(finished.map((execution) => execution.id));
			const perWorker = cluster.executionsPerWorker(ids);
			const api = standIn.apiRequests();
			const tooMany = api.filter((entry) => entry.status === 429).length;
			const answered = api.filter((entry) => entry.answeredAt > 0);
			const wallMs = answered.length
				? Math.max(...answered.map((entry) => entry.answeredAt)) - Math.min(...api.map((entry) => entry.at))
				: 0;
			const floorS = (api.length - tooMany) / LIMIT;
			const failed = checks.find((check) => check !== true);
			const figure: QueueFigures = {
				id: 'W9',
				title: w9Title(options.scale),
				limit: LIMIT,
				executions: finished.length,
				succeeded: finished.filter((execution) => execution.status === 'success').length,
				complete: failed ?? true,
				requests: api.length,
				tooMany,
				wallMs,
				floorS,
				ratio: wallMs / 1000 / floorS,
				main,
				workers: workers.map((memory, index) => ({ ...memory, executions: perWorker[index].length })),
			};
			figures.push(figure);
			say(
				`W9 run ${run}/${options.runs}: ${figure.succeeded}/${figure.executions} succeeded, ${figure.complete === true ? 'every transcript exactly once in each' : figure.complete}, ${figure.requests} requests, ${figure.tooMany}×429, wall ${(wallMs / 1000).toFixed(1)} s, floor ${floorS.toFixed(1)} s, ratio ${figure.ratio.toFixed(2)}; executions per worker ${perWorker.map((list) => `[${list.join(', ')}]`).join(' ')}; not on a worker: ${[...ids].filter((id) => !perWorker.flat().includes(id)).length}`,
			);
			say(`W9 run ${run}: requests per second from the first (× = a 429 among them): ${timeline(api)}`);
			// Every request of the run, for a closer look (ms from the first request).
			await mkdir(cluster.logs, { recursive: true });
			await writeFile(
				path.join(cluster.logs, `requests-run${run}.tsv`),
				[
					'at ms\tanswered ms\tstatus\tmethod\tpath\tcursor',
					...api.map((entry) =>
						[
							entry.at - api[0].at,
							entry.answeredAt ? entry.answeredAt - api[0].at : '',
							entry.status,
							entry.method,
							entry.path,
							JSON.stringify((entry.body as { cursor?: string } | null)?.cursor ?? entry.query.cursor ?? ''),
						].join('\t'),
					),
				].join('\n') + '\n',
			);
		}
		// The webhook stays registered otherwise, in the next cluster over this database (W10's).
		await rest.request('POST', `/workflows/${W9_WORKFLOW_ID}/deactivate`, {});
		return figures;
	} finally {
		await cluster?.stop();
		await standIn.stop();
	}
}

/** Requests per second from the first request: the count, × after it when a 429 was among them. */
function timeline(api: Array<{ at: number; status: number }>): string {
	if (!api.length) return '';
	const first = api[0].at;
	const seconds: Array<{ count: number; tooMany: boolean }> = [];
	for (const entry of api) {
		const second = Math.floor((entry.at - first) / 1000);
		for (let i = seconds.length; i <= second; i++) seconds.push({ count: 0, tooMany: false });
		seconds[second].count++;
		if (entry.status === 429) seconds[second].tooMany = true;
	}
	return seconds.map((second) => `${second.count}${second.tooMany ? '×' : ''}`).join(' ');
}

const w9Title = (scale: number): string =>
	`${EXECUTIONS} executions of W1 (transcripts of a ${Math.round(500 * scale)}-call window) started together by a webhook, one company at ${LIMIT}/s`;

/** W10: W4's catch-up with the trigger active in queue mode (poll on the main, execution on a worker). */
export async function measureQueueTrigger(
	folder: N8nUserFolder,
	options: { runs: number; scale: number; say: (line: string) => void },
): Promise<QueueFigures[]> {
	const clusters: QueueCluster[] = [];
	const byLimit = await measureTriggerCatchUp(folder, {
		limits: [LIMIT],
		runs: options.runs,
		scale: options.scale,
		say: options.say,
		id: 'W10',
		launch: async (env) => {
			const cluster = await QueueCluster.start(folder, { env, say: options.say, logs: 'W10' });
			clusters.push(cluster);
			// From start-up on: the measured poll's moment is n8n's to choose.
			cluster.sampleMemory();
			return cluster;
		},
	});
	const cluster = clusters[0];
	const [main, ...workers] = cluster.memoryFigures();
	// The baseline polls emit nothing: every execution a worker started is a measured poll's.
	const perWorker = cluster.executionsPerWorker();
	const w4 = triggerWorkload(options.scale);
	return (byLimit.get(LIMIT) ?? []).map((run) => {
		const floorS = (run.requests - run.tooMany) / LIMIT;
		return {
			id: 'W10',
			title: `W4 in queue mode: one poll of the Gong Trigger on the main catching up on ${w4.calls.toLocaleString('en')} new calls with transcripts, its execution on a worker`,
			limit: LIMIT,
			executions: run.perPoll.length,
			succeeded: run.ok ? run.perPoll.length : 0,
			complete: run.complete,
			requests: run.requests,
			tooMany: run.tooMany,
			wallMs: run.wallMs,
			floorS,
			ratio: run.wallMs / 1000 / floorS,
			// W4's figure for the main: its peak while polling, above its VmRSS just before.
			main: { peakMb: run.peakRssMb, baseMb: run.baseRssMb ?? 0, hwmMb: main.hwmMb },
			// The workers' logs over the whole cluster's life: every run's together.
			workers: workers.map((memory, index) => ({ ...memory, executions: perWorker[index].length, allRuns: true })),
		};
	});
}

/**
 * W9 and W10 (those in `only`) with their own Postgres, Redis and user folder (the package installed
 * as n8n installs it); returns the results file's "Queue mode" section.
 */
export async function measureQueue(
	n8n: N8nInstall,
	tarball: string,
	options: { runs: number; scale: number; only: string[]; say: (line: string) => void },
): Promise<string> {
	const { say } = options;
	return await withQueueServices(say, async ({ postgres, redis }) => {
		const root = path.join(REPO_ROOT, '.e2e', 'bench-queue');
		const encryptionKey = randomBytes(24).toString('hex');
		// The package goes into the folder as n8n's installer puts it there (its bookkeeping row in
		// the folder's SQLite database, which queue mode does not use: n8n loads every package in
		// .n8n/nodes at start, in the main and in each worker).
		await installAsN8nDoes(await N8nUserFolder.create(n8n, root, { encryptionKey }), tarball);
		const folder = new N8nUserFolder(n8n, root, { encryptionKey, env: queueModeEnv(postgres, redis) });
		const figures: QueueFigures[] = [];
		if (options.only.includes('W9')) figures.push(...(await measureQueueMode(folder, options)));
		if (options.only.includes('W10')) figures.push(...(await measureQueueTrigger(folder, options)));
		return renderQueueSection(figures, options.runs);
	});
}

const mb = (value: number): string => value.toFixed(0);

/** One row per workload: medians over the runs (executions per worker: every run's). */
export function renderQueueTable(figures: QueueFigures[]): string {
	const header =
		'| workload | limit | succeeded | every transcript exactly once | requests | 429s | wall s | floor s (useful ÷ limit) | wall ÷ floor (target ≤ 1.3) | main peak MB (start-up incl.) | per worker: executions, peak MB (start-up incl.) |';
	const rule = '|---|---|---|---|---|---|---|---|---|---|---|';
	const rows: string[] = [];
	for (const id of QUEUE_IDS) {
		const runs = figures.filter((figure) => figure.id === id);
		if (!runs.length) continue;
		const med = (pick: (figure: QueueFigures) => number): number => median(runs.map(pick));
		const complete = runs.every((run) => run.complete === true)
			? 'yes'
			: String(runs.find((run) => run.complete !== true)?.complete);
		const wallS = med((run) => run.wallMs) / 1000;
		const floorS = med((run) => run.floorS);
		const workers = runs[0].workers
			.map(
				(_, index) =>
					`${runs[0].workers[index].allRuns ? `${runs[0].workers[index].executions} in all runs` : runs.map((run) => run.workers[index].executions).join('+')} exec, ${mb(med((run) => run.workers[index].peakMb))} (${mb(med((run) => run.workers[index].hwmMb))})`,
			)
			.join('; ');
		rows.push(
			`| ${id} | ${runs[0].limit}/s | ${runs.reduce((sum, run) => sum + run.succeeded, 0)}/${runs.reduce((sum, run) => sum + run.executions, 0)} | ${complete} | ${med((run) => run.requests)} | ${med((run) => run.tooMany)} | ${wallS.toFixed(1)} | ${floorS.toFixed(1)} | ${(wallS / floorS).toFixed(2)} | ${mb(med((run) => run.main.peakMb))} (${mb(med((run) => run.main.hwmMb))}) | ${workers} |`,
		);
	}
	return [header, rule, ...rows].join('\n');
}

function renderQueueSection(figures: QueueFigures[], runs: number): string {
	const titles = QUEUE_IDS.map((id) => figures.find((figure) => figure.id === id))
		.filter((figure): figure is QueueFigures => figure !== undefined)
		.map((figure) => `- ${figure.id}: ${figure.title}`);
	return `## Queue mode

n8n ${N8N_VERSION} with \`EXECUTIONS_MODE=queue\`: a main process (\`n8n start\`) and ${WORKERS} workers (\`n8n worker --concurrency=${CONCURRENCY}\`) sharing one user folder (the package installed once, as n8n installs it), Postgres 15 and Redis from Debian's packages, started by the bench on free local ports. Runs per figure: ${runs} (median).

${titles.join('\n')}

- Wall: W9, the company's first request to its last answer; W10, as W4 (the poll's first request to the start of its execution, on a worker). Floor = useful requests (answers other than 429) ÷ the limit.
- Memory: each process's peak VmRSS while measuring (W10's main: during the poll and its hand-off), in brackets its VmHWM (its peak since it started, start-up included). Executions per worker: from each worker's log ("Worker started execution …"), per run.

${renderQueueTable(figures)}
`;
}
