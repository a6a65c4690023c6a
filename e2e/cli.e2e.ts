/**
 * The published package in a real n8n, run headless: `npm pack` → installed into a fresh user
 * folder as a community package → credentials and the example workflows imported with n8n's CLI →
 * each run with `n8n execute` against the Gong stand-in, outputs checked against the stand-in's data.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { GongStandIn, type RequestLogEntry, type StandInCall } from '../test/stand-in/gong-stand-in';
import { expectedText } from '../test/support/expected';
import {
	accessKeyCredential,
	CREDENTIAL_IDS,
	EXAMPLES,
	exampleWorkflow,
	oauthCredential,
	sampleStandInOptions,
} from './harness/gong';
import {
	executionMs,
	nodeOutput,
	N8nUserFolder,
	N8N_VERSION,
	provisionN8n,
	REPO_ROOT,
	type ExecuteResult,
	type ImportedCredential,
	type WorkflowJson,
} from './harness/n8n';
import { packPackage } from './harness/pack';
import { installAsN8nDoes } from './harness/installer';
import { READ_SIDE_WORKFLOW, readSideSteps, readSideWorkflow } from './harness/read-side';
import { setAuditLogs } from '../test/stand-in/routes/logs';
import { createdCallsOf, mediaOf } from '../test/stand-in/routes/call-writes';
import { flowInstancesOf } from '../test/stand-in/routes/flows';
import {
	ASSIGN_WORKFLOW,
	RECORDING_WORKFLOW,
	assignTargets,
	assignWorkflow,
	filesDir,
	recordingWorkflow,
	writeRecording,
} from './harness/write-side';
import { createHash } from 'node:crypto';

const OAUTH_WORKFLOWS = { calls: 'gongOAuthCalls01', transcripts: 'gongOAuthTrans01' } as const;
const MISTYPED = 'not-the-secret-7f3a9c';
const MISTYPED_WORKFLOW = 'gongMistyped0001';
/** An OAuth2 credential whose integration was not granted api:calls:read:transcript. */
const UNSCOPED = {
	credential: 'gongUnscoped0001',
	transcripts: 'gongUnscoped0002',
	calls: 'gongUnscoped0003',
} as const;

let standIn: GongStandIn;
let folder: N8nUserFolder;
let oauthToken: { access_token: string; refresh_token: string };
let unscopedToken: { access_token: string; refresh_token: string };
const UNKNOWN_CALL = { workflow: 'gongUnknownCall1', id: '7411111111111111111' } as const;

/** Call → Get for one call ID that Gong does not have. */
async function callGetWorkflow(credential: ImportedCredential): Promise<WorkflowJson> {
	const workflow = JSON.parse(
		await readFile(path.join(REPO_ROOT, 'test', 'workflows', 'call', 'get-by-id.workflow.json'), 'utf8'),
	) as WorkflowJson;
	const gongNode = workflow.nodes.find((node) => node.type === 'n8n-nodes-gong.gong')!;
	gongNode.parameters.callId = { __rl: true, mode: 'id', value: UNKNOWN_CALL.id };
	gongNode.credentials = { [credential.type]: { id: credential.id, name: credential.name } };
	return { ...workflow, id: UNKNOWN_CALL.workflow, name: 'Call: an unknown ID', active: false };
}

const RECORDING_SOURCE_ID = 'dialer-call-7781';
let recording: { file: string; content: Buffer };

const timings: Array<{ workflow: string; ms: number; executionMs: number }> = [];

beforeAll(async () => {
	const n8n = await provisionN8n();
	const tarball = await packPackage();
	const root = path.join(REPO_ROOT, '.e2e', 'cli');
	// Binary data on disk, as most self-hosted n8n keep it: the recording is streamed from there.
	folder = await N8nUserFolder.create(n8n, root, {
		env: { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem', N8N_RESTRICT_FILE_ACCESS_TO: filesDir(root) },
	});
	recording = await writeRecording(root, 5 * 1024 * 1024 + 123);
	await installAsN8nDoes(folder, tarball);

	standIn = await GongStandIn.start(sampleStandInOptions());
	setAuditLogs(standIn, {
		logType: 'UserActivityLog',
		count: 150,
		from: Date.now() - 20 * 86_400_000,
		to: Date.now() - 86_400_000,
	});
	// What n8n holds after "Connect my account" an hour or more ago: an access token Gong no longer
	// accepts and its single-use refresh token.
	const token = standIn.issueToken({ expired: true });
	oauthToken = token;
	const access = accessKeyCredential(standIn);
	const oauth = oauthCredential(standIn, { ...token });
	const wrong: ImportedCredential = {
		...access,
		id: 'gongMistyped0002',
		name: 'Gong stand-in (wrong secret)',
		data: { ...access.data, accessKeySecret: MISTYPED },
	};
	unscopedToken = standIn.issueToken({
		scopes: ['api:calls:read:basic', 'api:calls:read:extensive', 'api:users:read'],
	});
	const unscoped: ImportedCredential = {
		...oauthCredential(standIn, { ...unscopedToken }, 'Gong stand-in (OAuth2 without transcripts)'),
		id: UNSCOPED.credential,
	};
	await folder.importCredentials([access, oauth, wrong, unscoped]);
	await folder.importWorkflows([
		await exampleWorkflow('calls', access),
		await exampleWorkflow('transcripts', access),
		await exampleWorkflow('users', access),
		await exampleWorkflow('calls', oauth, { id: OAUTH_WORKFLOWS.calls, name: 'OAuth2: calls' }),
		await exampleWorkflow('transcripts', oauth, { id: OAUTH_WORKFLOWS.transcripts, name: 'OAuth2: transcripts' }),
		await exampleWorkflow('users', wrong, { id: MISTYPED_WORKFLOW, name: 'Wrong secret: users' }),
		await exampleWorkflow('transcripts', unscoped, {
			id: UNSCOPED.transcripts,
			name: 'No transcript scope: transcripts',
		}),
		await exampleWorkflow('calls', unscoped, { id: UNSCOPED.calls, name: 'No transcript scope: calls' }),
		await callGetWorkflow(access),
		await readSideWorkflow(standIn, access),
		recordingWorkflow(standIn, access, recording.file, RECORDING_SOURCE_ID),
		assignWorkflow(standIn, oauth),
	]);
}, 20 * 60_000);

afterAll(async () => {
	await standIn?.stop();
	if (timings.length) {
		process.stdout.write(
			`\nn8n execute timings (CLI start-up included / execution as n8n records it):\n${timings
				.map((t) => `  ${t.workflow.padEnd(28)} ${(t.ms / 1000).toFixed(1)} s / ${(t.executionMs / 1000).toFixed(2)} s`)
				.join('\n')}\n`,
		);
	}
});

async function execute(workflowId: string): Promise<ExecuteResult> {
	const result = await folder.execute(workflowId);
	timings.push({ workflow: workflowId, ms: result.ms, executionMs: executionMs(result.run) });
	return result;
}

function expectSuccess(result: ExecuteResult): void {
	const error = result.run?.data.resultData.error;
	expect(error?.message, 'the execution failed').toBeUndefined();
	if (result.code !== 0)
		throw new Error(
			`n8n execute exited with ${result.code}:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`,
		);
}

/** The calls the stand-in holds inside the window a /v2/calls/extensive or /v2/calls/transcript request asked for. */
function callsInRequestedWindow(entry: RequestLogEntry): StandInCall[] {
	const filter = (entry.body as { filter: { fromDateTime?: string; toDateTime?: string } }).filter;
	const from = filter.fromDateTime ? Date.parse(filter.fromDateTime) : -Infinity;
	const to = filter.toDateTime ? Date.parse(filter.toDateTime) : Infinity;
	return standIn.calls.filter((call) => {
		const started = Date.parse(call.metaData.started);
		return started >= from && started < to;
	});
}

describe('the package installed from its npm tarball', () => {
	it('is in the user folder as a community package, without runtime dependencies or its own n8n-workflow', async () => {
		const installed = path.join(folder.nodesDir, 'node_modules', 'n8n-nodes-gong');
		const manifest = JSON.parse(await readFile(path.join(installed, 'package.json'), 'utf8')) as {
			n8n: { nodes: string[]; credentials: string[] };
		};
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
			expect(existsSync(path.join(installed, file)), file).toBe(true);
		}
		expect(existsSync(path.join(installed, 'dist', 'nodes', 'Gong', 'gong.svg'))).toBe(true);
		expect(existsSync(path.join(installed, 'dist', 'nodes', 'Gong', 'Gong.node.json'))).toBe(true);
		expect(existsSync(path.join(installed, 'node_modules'))).toBe(false);
		expect(existsSync(path.join(folder.nodesDir, 'node_modules', 'n8n-workflow'))).toBe(false);
	});
});

describe('the example workflows, run by `n8n execute` with the access key', () => {
	it('"calls of the last 7 days": every call of the requested window, with participants', async () => {
		standIn.clearLog();
		const result = await execute(EXAMPLES.calls.id);
		expectSuccess(result);

		const requests = standIn.apiRequests();
		expect(requests.every((entry) => entry.path === '/v2/calls/extensive' && entry.auth === 'basic')).toBe(true);
		// About 56 calls in 7 days: one page of Gong's 100.
		const expected = callsInRequestedWindow(requests[0]);
		expect(expected.length).toBeGreaterThan(40);
		expect(requests).toHaveLength(Math.ceil(expected.length / 100));
		const window = (requests[0].body as { filter: { fromDateTime: string; toDateTime: string } }).filter;
		// "$now" is read once per expression, a few milliseconds apart.
		expect(Math.abs(Date.parse(window.toDateTime) - Date.parse(window.fromDateTime) - 7 * 86_400_000)).toBeLessThan(
			1000,
		);
		expect(Math.abs(Date.parse(window.toDateTime) - Date.now())).toBeLessThan(5 * 60_000);

		const output = nodeOutput(result.run, EXAMPLES.calls.node);
		expect(output.map((call) => (call.metaData as { id: string }).id)).toEqual(
			expected.map((call) => call.metaData.id),
		);
		for (const call of output) {
			const parties = call.parties as Array<{ name?: string }>;
			expect(parties.length).toBeGreaterThan(1);
			expect(parties.every((party) => typeof party.name === 'string' && party.name.length > 0)).toBe(true);
			expect(call.content).toBeDefined();
		}
	});

	it('"latest transcripts as text": 5 transcripts with speaker names, exactly as the stand-in holds them', async () => {
		standIn.clearLog();
		const result = await execute(EXAMPLES.transcripts.id);
		expectSuccess(result);

		const output = nodeOutput(result.run, EXAMPLES.transcripts.node);
		expect(output).toHaveLength(5);
		for (const item of output) {
			const call = standIn.calls.find((candidate) => candidate.metaData.id === item.callId);
			expect(call, String(item.callId)).toBeDefined();
			expect(item.transcript).toBe(expectedText(call!));
			expect(Date.parse(call!.metaData.started)).toBeGreaterThan(Date.now() - 3 * 86_400_000 - 60_000);
		}
		// Transcripts, then their calls' participants: two requests for up to 100 calls.
		expect(standIn.apiRequests().map((entry) => entry.path)).toEqual(['/v2/calls/transcript', '/v2/calls/extensive']);
	});

	it('"every user": all users of the company', async () => {
		standIn.clearLog();
		const result = await execute(EXAMPLES.users.id);
		expectSuccess(result);
		const output = nodeOutput(result.run, EXAMPLES.users.node);
		expect(output.map((user) => user.id).sort()).toEqual(standIn.users.map((user) => user.id).sort());
		expect(output.every((user) => typeof user.emailAddress === 'string')).toBe(true);
	});

	it("a wrong access key secret fails the run with Gong's message, and the secret appears nowhere in its output", async () => {
		const result = await execute(MISTYPED_WORKFLOW);
		expect(result.code).not.toBe(0);
		const error = result.run?.data.resultData.error;
		expect(error?.message).toBe('Gong rejected the credential (401 Unauthorized)');
		expect(error?.description).toContain('Gong said: "Invalid access key or access key secret"');
		expect(error?.context?.requestId).toMatch(/^\w{8,}$/);
		const everything = result.stdout + result.stderr;
		expect(everything).not.toContain(MISTYPED);
		expect(everything).not.toContain(Buffer.from(`test-access-key:${MISTYPED}`).toString('base64'));
	});
});

describe(`Gong's error answers, read by the package in n8n ${N8N_VERSION}`, () => {
	afterEach(() => standIn.clearFaults());

	it('one 429 with Retry-After: waited for and retried, the run completes', async () => {
		standIn.clearLog();
		standIn.failNext(1, 429, { retryAfterSeconds: 1, path: '/v2/calls/extensive' });
		const result = await execute(EXAMPLES.calls.id);
		expectSuccess(result);
		const statuses = standIn.apiRequests().map((entry) => entry.status);
		expect(statuses[0]).toBe(429);
		expect(statuses.slice(1).every((status) => status === 200)).toBe(true);
		expect(nodeOutput(result.run, EXAMPLES.calls.node).length).toBeGreaterThan(40);
		// Retry-After honoured: the second request came a second or more after the first.
		const [first, second] = standIn.apiRequests();
		expect(second.at - first.at).toBeGreaterThanOrEqual(950);
		// What the run cost, kept with the execution as the node's hint.
		const requests = standIn.apiRequests().length;
		expect(result.run?.data.resultData.runData[EXAMPLES.calls.node]?.[0]?.hints?.map((hint) => hint.message)).toEqual([
			`This node made ${requests} requests to Gong, 1 of them refused by Gong's rate limit (429) and sent again after its Retry-After. Gong allows 10,000 a day per company.`,
		]);
	});

	it('a 503: retried with back-off, the run completes', async () => {
		standIn.clearLog();
		standIn.failNext(1, 503, { path: '/v2/calls/extensive' });
		const result = await execute(EXAMPLES.calls.id);
		expectSuccess(result);
		expect(
			standIn
				.apiRequests()
				.map((entry) => entry.status)
				.slice(0, 2),
		).toEqual([503, 200]);
	});

	it('"No calls found" (a window without calls) is an empty result, not an error', async () => {
		standIn.clearLog();
		standIn.failNext(1, 404, {
			path: '/v2/calls/extensive',
			message: 'No calls found corresponding to the provided filters',
		});
		const result = await execute(EXAMPLES.calls.id);
		expectSuccess(result);
		expect(nodeOutput(result.run, EXAMPLES.calls.node)).toEqual([]);
	});

	it('an unknown call ID fails naming the call', async () => {
		standIn.clearLog();
		const result = await execute(UNKNOWN_CALL.workflow);
		expect(result.code).not.toBe(0);
		const error = result.run?.data.resultData.error;
		expect(error?.message).toBe(`Call ${UNKNOWN_CALL.id} was not found in Gong`);
		expect(error?.description).toContain('Check the call ID');
	});
});

describe('OAuth2 in a real n8n: the stored access token has expired', () => {
	it('n8n refreshes it once through the stand-in (single-use refresh token), the run succeeds on the per-customer host, and the new token is persisted', async () => {
		standIn.clearLog();
		const result = await execute(OAUTH_WORKFLOWS.calls);
		expectSuccess(result);
		expect(nodeOutput(result.run, EXAMPLES.calls.node).length).toBeGreaterThan(40);

		const refreshes = standIn.log.filter((entry) => entry.path === '/oauth2/generate-customer-token');
		expect(refreshes).toHaveLength(1);
		expect(refreshes[0].status).toBe(200);
		expect(refreshes[0].auth).toBe('basic');
		expect(refreshes[0].body).toMatchObject({ grant_type: 'refresh_token', refresh_token: oauthToken.refresh_token });

		const api = standIn.apiRequests();
		expect(api.length).toBeGreaterThanOrEqual(2);
		expect(api.every((entry) => entry.host === 'customer' && entry.auth === 'bearer')).toBe(true);
		// The expired token got Gong's 401 twice: the transport's request (it reads error answers
		// itself) and the same request sent again in the mode where n8n refreshes on 401. Everything
		// after the refresh used the new token.
		expect(api.slice(0, 2).map((entry) => entry.status)).toEqual([401, 401]);
		expect(api.slice(2).every((entry) => entry.status === 200)).toBe(true);

		const stored = (await folder.exportCredentials()).find((credential) => credential.id === CREDENTIAL_IDS.connected);
		const tokenData = stored?.data.oauthTokenData as {
			access_token: string;
			refresh_token: string;
			api_base_url_for_customer: string;
		};
		expect(tokenData.access_token).not.toBe(oauthToken.access_token);
		expect(tokenData.refresh_token).not.toBe(oauthToken.refresh_token);
		expect(tokenData.api_base_url_for_customer).toBe(standIn.customerBaseUrl);
		expect(api.slice(2).every((entry) => entry.headers.authorization === `Bearer ${tokenData.access_token}`)).toBe(
			true,
		);
		oauthToken = tokenData;
	});

	it('the next run uses the persisted token without refreshing', async () => {
		standIn.clearLog();
		const result = await execute(OAUTH_WORKFLOWS.transcripts);
		expectSuccess(result);
		expect(nodeOutput(result.run, EXAMPLES.transcripts.node)).toHaveLength(5);
		expect(standIn.count((entry) => entry.path.startsWith('/oauth2/'))).toBe(0);
		const api = standIn.apiRequests();
		expect(api.every((entry) => entry.host === 'customer' && entry.status === 200)).toBe(true);
		expect(api.every((entry) => entry.headers.authorization === `Bearer ${oauthToken.access_token}`)).toBe(true);
	});
});

describe('OAuth2 in a real n8n: the integration lacks a scope (Gong answers 401 naming it)', () => {
	it('the run fails naming the scope after one request, without a token refresh (a refreshed token has the same scopes)', async () => {
		standIn.clearLog();
		const result = await execute(UNSCOPED.transcripts);
		expect(result.code).not.toBe(0);
		const error = result.run?.data.resultData.error;
		expect(error?.message).toBe('Missing Gong permission: api:calls:read:transcript');
		expect(error?.description).toContain('do not reconnect for this alone');
		expect(standIn.count((entry) => entry.path.startsWith('/oauth2/'))).toBe(0);
		expect(standIn.apiRequests().map((entry) => `${entry.path} ${entry.status}`)).toEqual(['/v2/calls/transcript 401']);
		const stored = (await folder.exportCredentials()).find((credential) => credential.id === UNSCOPED.credential);
		const tokenData = stored?.data.oauthTokenData as { access_token: string; refresh_token: string };
		expect(tokenData.refresh_token).toBe(unscopedToken.refresh_token);
		const everything = result.stdout + result.stderr;
		for (const secret of [unscopedToken.access_token, unscopedToken.refresh_token]) {
			expect(everything).not.toContain(secret);
		}
	});

	it('the credential is not broken: a run within its scopes works with the stored token, without refreshing', async () => {
		standIn.clearLog();
		const result = await execute(UNSCOPED.calls);
		expectSuccess(result);
		expect(nodeOutput(result.run, EXAMPLES.calls.node).length).toBeGreaterThan(40);
		expect(standIn.count((entry) => entry.path.startsWith('/oauth2/'))).toBe(0);
		expect(
			standIn.apiRequests().every((entry) => entry.headers.authorization === `Bearer ${unscopedToken.access_token}`),
		).toBe(true);
	});
});

describe('the rest of Gong in a real n8n: one read per resource, in one `n8n execute`', () => {
	it('every node returns what the stand-in holds', async () => {
		standIn.clearLog();
		const result = await execute(READ_SIDE_WORKFLOW);
		expectSuccess(result);
		for (const step of readSideSteps(standIn)) {
			expect(nodeOutput(result.run, step.node).length, step.node).toBeGreaterThan(0);
		}
		expect(nodeOutput(result.run, 'Workspaces').map((workspace) => workspace.id)).toEqual(
			standIn.workspaces.map((workspace) => workspace.id),
		);
		// 150 entries: two pages of Gong's 100.
		expect(nodeOutput(result.run, 'Audit log')).toHaveLength(150);
		expect(standIn.log.filter((entry) => entry.path === '/v2/logs')).toHaveLength(2);
		for (const answer of nodeOutput(result.run, 'Answered scorecards')) {
			expect(typeof answer.answeredScorecardId).toBe('string');
			expect(answer.questionId).toBeDefined();
		}
	});
});

describe('the write side in a real n8n', () => {
	it('a recording read by "Read/Write Files from Disk" becomes one Gong call with exactly that file; a second run makes no second call', async () => {
		const first = await execute(RECORDING_WORKFLOW);
		expectSuccess(first);
		const [created] = nodeOutput(first.run, 'Create call');
		expect(created).toMatchObject({ outcome: 'created', clientUniqueId: RECORDING_SOURCE_ID });
		const callId = String(created!.callId);
		expect(mediaOf(standIn, callId)).toMatchObject({
			fileName: 'dialer-call-7781.mp3',
			contentType: 'audio/mpeg',
			size: recording.content.length,
			sha256: createHash('sha256').update(recording.content).digest('hex'),
		});
		const second = await execute(RECORDING_WORKFLOW);
		expectSuccess(second);
		expect(nodeOutput(second.run, 'Create call')[0]).toMatchObject({
			outcome: 'alreadyExisted',
			callId,
			media: { alreadyUploaded: true },
		});
		expect(createdCallsOf(standIn).filter((call) => call.clientUniqueId === RECORDING_SOURCE_ID)).toHaveLength(1);
	});

	it('an Engage assignment (OAuth2) where Gong refuses one prospect: two assigned, one reported with its reason', async () => {
		const target = assignTargets(standIn);
		const result = await execute(ASSIGN_WORKFLOW);
		expectSuccess(result);
		expect(nodeOutput(result.run, 'Assign')).toMatchObject([
			{ crmProspectId: target.crmIds[0], assigned: true, flowId: target.flowId },
			{ crmProspectId: 'not-in-the-crm', assigned: false, errorCode: 'InvalidArgument' },
			{ crmProspectId: target.crmIds[2], assigned: true, flowId: target.flowId },
		]);
		for (const crmId of [target.crmIds[0], target.crmIds[2]]) {
			expect(
				flowInstancesOf(standIn).filter((i) => i.crmProspectId === crmId && i.flowId === target.flowId),
			).toHaveLength(1);
		}
	});
});
