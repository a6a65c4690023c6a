/**
 * W4: one poll of the Gong Trigger catching up on 1,000 new calls with transcripts, in a running
 * n8n (`n8n start`), the way users run it: the workflow is active, n8n's first poll at activation
 * records the baseline, then 1,000 calls appear in Gong, and n8n's next scheduled poll (every
 * minute) must emit them all, transcripts attached, in one execution.
 *
 * A trigger's poll happens before n8n creates the execution, so n8n records no time for it: the
 * wall time here runs from the poll's first request to Gong to the start of the execution it
 * hands off to (as n8n records it), which includes shaping the transcripts.
 */
import path from 'node:path';

import { GongStandIn, type StandInCall } from '../test/stand-in/gong-stand-in';
import { expectedText } from '../test/support/expected';
import { accessKeyCredential } from '../e2e/harness/gong';
import {
	freePort,
	procMemoryMb,
	sleep,
	type N8nUserFolder,
	type RunningN8n,
	type WorkflowJson,
} from '../e2e/harness/n8n';
import { RestSession, setUpOwner } from '../e2e/harness/rest';
import { apiRequests, type Measurement } from './figures';

const HOUR_MS = 3_600_000;
/** n8n polls every minute; the wait for one poll and its execution is bounded well beyond that. */
const EXECUTION_TIMEOUT_MS = 4 * 60_000;

export const triggerWorkload = (scale: number) => {
	const calls = Math.round(1000 * scale);
	return {
		id: 'W4',
		title: `one poll of the Gong Trigger catching up on ${calls.toLocaleString('en')} new calls with transcripts (n8n start, polling every minute)`,
		calls,
		target: 2 * Math.ceil(calls / 100) + 2,
	};
};

interface Slot {
	scheduler: Scheduler;
	limit: number;
	run: number;
	standIn: GongStandIn;
	workflowId: string;
}

interface ExecutionSummary {
	id: string;
	status: string;
	startedAt: string;
	stoppedAt?: string | null;
}

interface ExecutionDetail {
	status: string;
	/** n8n's run data, serialised with `flatted` (the editor's format). */
	data: string;
}

interface TriggerItem {
	json: { metaData?: { id?: string }; transcript?: { transcript?: string } };
}

/**
 * How n8n schedules polls. `legacy` is n8n's default (a cron in the main process, 5-minute poll
 * budget). `durable` is its durable scheduler (N8N_SCHEDULER_POLL_TRIGGERS_ENABLED), which
 * abandons a poll after 45 s: a catch-up that takes longer must be split over polls.
 */
export type Scheduler = 'legacy' | 'durable';

const SCHEDULER_ENV: Record<Scheduler, Record<string, string>> = {
	legacy: {},
	durable: { N8N_SCHEDULER_ENABLED: 'true', N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true' },
};

/** A running n8n the trigger's workflows are active in: `n8n start`, or queue mode's main and its workers. */
export interface LaunchedN8n {
	/** The process that polls (and serves the REST API). */
	main: RunningN8n;
	stop(): Promise<void>;
}

export interface TriggerMeasurement extends Measurement {
	/** Polls (executions) it took to emit every new call, and the calls each emitted. */
	perPoll: number[];
	/** The longest of those polls, first request to its execution's start. */
	longestPollMs: number;
}

const slotId = (scheduler: Scheduler, kind: 'cred' | 'flow', limit: number, run: number): string =>
	`benchW4${scheduler[0]}${kind}L${limit}R${run}`.padEnd(16, '0');

function triggerWorkflow(slot: Slot, credentialName: string): WorkflowJson {
	return {
		id: slot.workflowId,
		name: `W4 trigger @${slot.limit}/s run ${slot.run}`,
		nodes: [
			{
				id: 'b4000000-0000-4000-8000-000000000001',
				name: 'Gong Trigger',
				type: 'n8n-nodes-gong.gongTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					authentication: 'accessKey',
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					event: 'transcriptReady',
					attachTranscript: 'text',
				},
				credentials: {
					gongAccessKeyApi: { id: slotId(slot.scheduler, 'cred', slot.limit, slot.run), name: credentialName },
				},
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

async function waitFor<T>(
	what: string,
	timeoutMs: number,
	probe: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const value = await probe();
		if (value !== undefined) return value;
		await sleep(500);
	}
	throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

/**
 * Runs W4 `runs` times per limit, in one `n8n start` of `folder` (the package already installed).
 * Every run has its own stand-in, credential and active workflow, so each starts from its own
 * baseline; the runs go one after another, and a measured workflow is deactivated afterwards.
 */
export async function measureTriggerCatchUp(
	folder: N8nUserFolder,
	options: {
		limits: number[];
		runs: number;
		scale: number;
		say: (line: string) => void;
		scheduler?: Scheduler;
		/** The workload's name in the log (W4). */
		id?: string;
		/** Starts n8n over `folder` with `env` added (`n8n start` unless given: queue mode, say). */
		launch?: (env: Record<string, string>) => Promise<LaunchedN8n>;
	},
): Promise<Map<number, TriggerMeasurement[]>> {
	const scheduler = options.scheduler ?? 'legacy';
	const id = options.id ?? 'W4';
	const launch =
		options.launch ??
		(async (env: Record<string, string>): Promise<LaunchedN8n> => {
			const main = await folder.start(await freePort(), { env });
			return { main, stop: () => main.stop() };
		});
	const { calls } = triggerWorkload(options.scale);
	const slots: Slot[] = [];
	for (const limit of options.limits) {
		for (let run = 1; run <= options.runs; run++) {
			const standIn = await GongStandIn.start({ calls: 0, users: 25, rateLimitPerSecond: limit, dailyLimit: 0 });
			slots.push({ limit, run, standIn, workflowId: slotId(scheduler, 'flow', limit, run), scheduler });
		}
	}
	let launched: LaunchedN8n | undefined;
	try {
		const credentials = slots.map((slot) => ({
			...accessKeyCredential(slot.standIn, `Gong stand-in W4 @${slot.limit}/s run ${slot.run}`),
			id: slotId(slot.scheduler, 'cred', slot.limit, slot.run),
		}));
		await folder.importCredentials(credentials);
		await folder.importWorkflows(slots.map((slot, index) => triggerWorkflow(slot, credentials[index].name)));
		for (const slot of slots) await folder.publishWorkflow(slot.workflowId);

		options.say(`${id}: starting n8n (${scheduler} scheduler) with ${slots.length} active Gong Trigger workflows`);
		launched = await launch(SCHEDULER_ENV[scheduler]);
		const n8n = launched.main;
		const pid = n8n.pid!;
		await setUpOwner(n8n.url);
		const rest = await RestSession.login(n8n.url);

		const results = new Map<number, TriggerMeasurement[]>();
		for (const slot of slots) {
			// n8n polls once at activation: that poll records the baseline (nothing is emitted).
			await waitFor('the baseline poll', 120_000, () =>
				slot.standIn.apiRequests().some((entry) => entry.answeredAt) ? true : undefined,
			);
			await sleep(1000);
			slot.standIn.clearLog();
			slot.standIn.resetRateLimits();
			const baseRssMb = procMemoryMb(pid, 'VmRSS');
			let peakRssMb = baseRssMb;
			const sampler = setInterval(() => {
				try {
					peakRssMb = Math.max(peakRssMb, procMemoryMb(pid, 'VmRSS'));
				} catch {
					// n8n exited: the wait below reports it.
				}
			}, 50);

			// 1,000 calls processed since the baseline, started over the last 4.5 hours (inside the
			// trigger's 6-hour look-back), every one with its transcript ready.
			const now = Date.now();
			const added = new Map<string, StandInCall>();
			for (let i = 0; i < calls; i++) {
				const started = new Date(Math.floor((now - 4.5 * HOUR_MS + i * 15_000) / 1000) * 1000).toISOString();
				const call = slot.standIn.addCall({
					metaData: { started: started.replace('.000Z', 'Z') } as StandInCall['metaData'],
				});
				added.set(call.metaData.id, call);
			}

			// Until every new call was emitted: one execution per poll that found calls.
			const executions: Array<ExecutionSummary & { items: TriggerItem[] }> = [];
			try {
				await waitFor(`executions of ${slot.workflowId}`, EXECUTION_TIMEOUT_MS, async () => {
					const query = encodeURIComponent(JSON.stringify({ workflowId: slot.workflowId }));
					const list = await rest.request<{ results: ExecutionSummary[] }>(
						'GET',
						`/executions?filter=${query}&limit=20`,
					);
					for (const found of list.results) {
						// Only this run's: the user folder keeps the executions of earlier bench runs.
						if (
							!found.stoppedAt ||
							Date.parse(found.startedAt) < now ||
							executions.some((known) => known.id === found.id)
						)
							continue;
						const detail = await rest.request<ExecutionDetail>('GET', `/executions/${found.id}`);
						executions.push({ ...found, items: triggerItems(folder, detail.data) });
					}
					const emitted = executions.reduce((sum, execution) => sum + execution.items.length, 0);
					const failed = executions.some((execution) => execution.status !== 'success');
					return emitted >= added.size || failed ? true : undefined;
				});
			} finally {
				clearInterval(sampler);
			}
			// Stop this workflow's polls (each would re-read the 1,000 calls) before the next run.
			await rest.request('POST', `/workflows/${slot.workflowId}/deactivate`, {});

			executions.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
			const starts = executions.map((execution) => Date.parse(execution.startedAt));
			const api = apiRequests(slot.standIn, starts[starts.length - 1]);
			// Each poll: its requests after the previous execution started, up to its own execution's start.
			const pollMs = starts.map((start, index) => {
				const first = api.find((entry) => entry.at > (index ? starts[index - 1] : 0) && entry.at <= start);
				return first ? start - first.at : 0;
			});
			const failed = executions.find((execution) => execution.status !== 'success');
			const measurement: TriggerMeasurement = {
				requests: api.length,
				tooMany: api.filter((entry) => entry.status === 429).length,
				ok: !failed,
				complete: failed
					? `execution ${failed.status}`
					: completeness(
							executions.flatMap((execution) => execution.items),
							added,
						),
				wallMs: api.length ? starts[starts.length - 1] - api[0].at : 0,
				peakRssMb,
				baseRssMb,
				perPoll: executions.map((execution) => execution.items.length),
				longestPollMs: Math.max(0, ...pollMs),
			};
			options.say(
				`${id} ours (${scheduler}) @${slot.limit}/s run ${slot.run}/${options.runs}: ${measurement.requests} requests, ${measurement.tooMany}×429, ${executions.length} poll(s) emitting ${measurement.perPoll.join(' + ')}, longest poll ${(measurement.longestPollMs / 1000).toFixed(1)} s, ${measurement.complete === true ? 'complete' : measurement.complete}`,
			);
			results.set(slot.limit, [...(results.get(slot.limit) ?? []), measurement]);
		}
		return results;
	} finally {
		await launched?.stop();
		for (const slot of slots) await slot.standIn.stop();
	}
}

/** The Gong Trigger's output items in an execution's run data. */
function triggerItems(folder: N8nUserFolder, flattedData: string): TriggerItem[] {
	// n8n sends run data in `flatted`'s format; its own copy of flatted reads it.
	const flatted = require(path.join(folder.n8n.dir, 'node_modules', 'flatted')) as { parse: (text: string) => unknown };
	const data = flatted.parse(flattedData) as {
		resultData: { runData: Record<string, Array<{ data?: { main: Array<TriggerItem[] | null> } }>> };
	};
	return data.resultData.runData['Gong Trigger']?.[0]?.data?.main[0] ?? [];
}

/** Every added call emitted once, with the exact speaker-named transcript text. */
function completeness(items: TriggerItem[], added: Map<string, StandInCall>): string | true {
	const seen = new Set<string>();
	let wrongText = 0;
	for (const item of items) {
		const id = String(item.json.metaData?.id);
		const call = added.get(id);
		if (!call || seen.has(id)) return `unexpected or repeated call ${id}`;
		seen.add(id);
		if (item.json.transcript?.transcript !== expectedText(call)) wrongText++;
	}
	if (seen.size !== added.size) return `${seen.size} of ${added.size} calls emitted`;
	return wrongText ? `${wrongText} transcripts differ from the expected text` : true;
}
