/**
 * One stray 429 at Gong's normal 3/s (another tool spent the company's second): how fast the node
 * is back at full pace. The target: ≥ 2.7 requests/s again within 10 requests.
 *
 * The workload is W6 (50 pages of audit log, one request each) with the 10th request refused by
 * the stand-in (429, Retry-After 1). Figures from the stand-in's arrival times of the requests it
 * accepted after the 429:
 * - "back at full pace after": the first request n after the 429 at which three consecutive
 *   requests (n-2, n-1, n) started within 0.8 s — at a pace of 2/s any three span a second or more;
 * - the rate over requests 11–20 after the 429 (9 intervals).
 */
import { GongStandIn, type StandInOptions } from '../test/stand-in/gong-stand-in';
import { accessKeyCredential } from '../e2e/harness/gong';
import type { ImportedCredential, N8nUserFolder, WorkflowJson } from '../e2e/harness/n8n';
import { median } from './figures';

export interface StrayRun {
	ok: boolean;
	requests: number;
	tooMany: number;
	/** Requests after the 429 until three started within 0.8 s; undefined: never. */
	backAfter?: number;
	/** Requests per second over requests 11–20 after the 429. */
	rate11to20: number;
}

export async function measureStray(
	folder: N8nUserFolder,
	workload: { workflow: WorkflowJson; standIn: StandInOptions; prepare?: (standIn: GongStandIn) => void },
	options: { runs: number; say: (line: string) => void; credential: Omit<ImportedCredential, 'data'> },
): Promise<StrayRun[]> {
	const standIn = await GongStandIn.start({ ...workload.standIn, rateLimitPerSecond: 3 });
	const runs: StrayRun[] = [];
	try {
		workload.prepare?.(standIn);
		const { data } = accessKeyCredential(standIn);
		await folder.importCredentials([{ ...options.credential, data }]);
		const id = 'benchStray000001';
		await folder.importWorkflows([{ ...workload.workflow, id, name: 'Stray 429' }]);
		for (let i = 0; i < options.runs; i++) {
			standIn.clearLog();
			standIn.resetRateLimits();
			standIn.inject({ kind: 'status', status: 429, retryAfterSeconds: 1 }, { skip: 9, times: 1 });
			const result = await folder.execute(id);
			const api = standIn.apiRequests();
			const refused = api.find((entry) => entry.status === 429);
			const after = api
				.filter((entry) => entry.status !== 429 && refused && entry.at > refused.at)
				.map((entry) => entry.at)
				.sort((a, b) => a - b);
			const back = after.findIndex((at, n) => n >= 2 && at - after[n - 2] < 800);
			const run: StrayRun = {
				ok: result.code === 0 && !result.run?.data.resultData.error,
				requests: api.length,
				tooMany: api.filter((entry) => entry.status === 429).length,
				backAfter: back < 0 ? undefined : back + 1,
				rate11to20: after.length >= 20 ? (9 * 1000) / (after[19] - after[10]) : 0,
			};
			runs.push(run);
			options.say(
				`stray 429 @3/s run ${i + 1}/${options.runs}: ${run.requests} requests, ${run.tooMany}×429, full pace again after ${run.backAfter ?? 'never'} requests, ${run.rate11to20.toFixed(2)} req/s over requests 11–20 after it`,
			);
		}
	} finally {
		await standIn.stop();
	}
	return runs;
}

export function renderStray(runs: StrayRun[]): string {
	const back = runs.map((run) => run.backAfter ?? Infinity);
	return [
		'One stray 429 at 3/s (W6, the 10th request refused with Retry-After 1; target: ≥ 2.7 requests/s again within 10 requests):',
		'',
		'| succeeded | requests | 429s | full pace again after (requests; per run) | requests/s over requests 11–20 after the 429 (median; per run) |',
		'|---|---|---|---|---|',
		`| ${runs.filter((run) => run.ok).length}/${runs.length} | ${median(runs.map((run) => run.requests))} | ${median(runs.map((run) => run.tooMany))} | ${median(back)} (${back.join(', ')}) | ${median(runs.map((run) => run.rate11to20)).toFixed(2)} (${runs.map((run) => run.rate11to20.toFixed(2)).join(', ')}) |`,
	].join('\n');
}
