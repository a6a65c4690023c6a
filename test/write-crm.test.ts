import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWorkflowBase,
	NodeApiError,
} from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { GONG_SCOPES, GongStandIn } from './stand-in/gong-stand-in';
import {
	crmEntitiesOf,
	crmIntegrationsOf,
	crmRequestsOf,
	crmSchemaOf,
	setCrmRequestProgress,
	setNativeCrmIntegration,
} from './stand-in/routes/crm';
import { fastRetries } from './support/faults';
import { accessKeyCredentials, oauthCredentials, useAuthentication, type Auth } from './support/gong-run';
import { runWorkflow } from './support/n8n-harness';

/**
 * CRM → every operation, run as workflow JSON through n8n-core against the stand-in with both
 * credential types: what Gong received (the LDJSON lines, the int64 integration ID to the digit),
 * what the node outputs, Gong's conflicts (one integration per company, a reused client request ID),
 * per-line upload errors, a lost answer after the upload took effect, and Continue On Fail.
 */

const CRM_SCOPES = [
	'api:crm:integrations:read',
	'api:crm:integration:register',
	'api:crm:integration:delete',
	'api:crm:schema',
	'api:crm:upload',
	'api:crm:get-objects',
];
const AUTHS: Auth[] = ['accessKey', 'oAuth2'];
const OWNER = 'ops@acme.example';
/** An ID of the shape Gong's are (19 digits, beyond 2^53) that no integration has. */
const UNKNOWN_INTEGRATION = '8123456789012345678';

let gong: GongStandIn;
let restore: () => void;
let resets = 0;

beforeAll(async () => {
	restore = fastRetries();
	gong = await GongStandIn.start({ calls: 3, users: 3, rateLimitPerSecond: 0, dailyLimit: 0 });
});
afterAll(async () => {
	restore();
	await gong.stop();
});
beforeEach(() => {
	gong.clearFaults();
	setNativeCrmIntegration(gong, null);
	// Processed on receipt; the waiting test sets its own pace.
	setCrmRequestProgress(gong, { polls: 0 });
});

function crmToken(scopes: string[] = [...new Set([...GONG_SCOPES, ...CRM_SCOPES])]) {
	return gong.issueToken({ scopes });
}

interface RunOptions {
	auth?: Auth;
	input?: IDataObject[];
	inputItems?: INodeExecutionData[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	continueOnFail?: boolean;
}

/** A manual trigger feeding one Gong node set to CRM → `operation`. */
async function run(operation: string, parameters: IDataObject, options: RunOptions = {}) {
	const auth = options.auth ?? 'accessKey';
	const gongNode: INode = {
		id: '2',
		name: 'Gong',
		type: 'n8n-nodes-gong.gong',
		typeVersion: 1,
		position: [220, 0],
		parameters: { authentication: auth, resource: 'crm', operation, ...(parameters as INodeParameters) },
	};
	if (options.continueOnFail) gongNode.onError = 'continueRegularOutput';
	const workflow: IWorkflowBase = {
		id: 'crm',
		name: `crm: ${operation}`,
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
		nodes: [
			{
				id: '1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			gongNode,
		],
		connections: { Start: { main: [[{ node: 'Gong', type: 'main', index: 0 }]] } },
	};
	useAuthentication(workflow, auth);
	const credentials =
		options.credentials ?? (auth === 'oAuth2' ? oauthCredentials(gong, crmToken()) : accessKeyCredentials(gong));
	const result = await runWorkflow(workflow, credentials, { input: options.input, inputItems: options.inputItems });
	const output = result.output('Gong');
	return { ...result, output, items: output.map((item) => item.json) };
}

/** A resource-locator value "By ID", as the editor stores it. */
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

async function gongApi(method: string, path: string, qs: Record<string, string>, body?: unknown) {
	const response = await fetch(`${gong.baseUrl}${path}?${new URLSearchParams(qs)}`, {
		method,
		headers: { authorization: gong.basicAuthHeader(), 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	expect(response.status, `${method} ${path}`).toBeLessThan(300);
}

/** Deletes every active integration (straight to the stand-in), so the next can be registered. */
async function removeIntegrations(): Promise<void> {
	for (const integration of crmIntegrationsOf(gong).filter((entry) => entry.active)) {
		await gongApi('DELETE', '/v2/crm/integrations', {
			integrationId: integration.integrationId,
			clientRequestId: `test-reset-${++resets}`,
		});
	}
}

/**
 * A new integration of its own: the node's generated client request IDs are the same in every run
 * here (the harness's execution ID is always 1), and Gong keys them per integration.
 */
async function freshIntegration(name = 'ACME CRM'): Promise<string> {
	await removeIntegrations();
	await gongApi('PUT', '/v2/crm/integrations', {}, { ownerEmail: OWNER, name });
	const integrationId = crmIntegrationsOf(gong).at(-1)!.integrationId;
	// The whole point of keeping it as text: beyond 2^53 a number would change its digits.
	expect(integrationId).toMatch(/^\d{19}$/);
	expect(Number.isSafeInteger(Number(integrationId))).toBe(false);
	return integrationId;
}

const crmRequests = (path: string, method?: string) =>
	gong.apiRequests().filter((entry) => entry.path === path && (!method || entry.method === method));

const account = (objectId: string, extra: IDataObject = {}): IDataObject => ({
	objectId,
	modifiedDate: '2026-03-01T10:00:00Z',
	name: `Account ${objectId}`,
	domains: [`${objectId}.example`],
	...extra,
});

const GENERATED_ID = /^n8n-1-[0-9a-f]{10}-0-0$/;

describe.each(AUTHS)('CRM integrations (%s)', (auth) => {
	it('Register Integration: Gong gets the name and owner; the int64 ID comes out as text, exact', async () => {
		await removeIntegrations();
		gong.clearLog();
		const { items, errorMessage } = await run('registerIntegration', { name: 'ACME CRM', ownerEmail: OWNER }, { auth });
		expect(errorMessage).toBeUndefined();
		const stored = crmIntegrationsOf(gong).at(-1)!;
		expect(stored.active).toBe(true);
		expect(stored.integrationId).toMatch(/^\d{19}$/);
		expect(items).toEqual([
			{
				integrationId: stored.integrationId,
				name: 'ACME CRM',
				ownerEmail: OWNER,
				alreadyRegistered: false,
				requestId: expect.any(String),
			},
		]);
		const [put] = crmRequests('/v2/crm/integrations', 'PUT');
		expect(put.body).toEqual({ name: 'ACME CRM', ownerEmail: OWNER });
	});

	it('Register Integration after a lost answer finds the integration it registered instead of a 409', async () => {
		await removeIntegrations();
		gong.inject({ kind: 'afterWrite', then: 'status', status: 500 }, { path: '/v2/crm/integrations', method: 'PUT' });
		gong.clearLog();
		const { items, errorMessage } = await run('registerIntegration', { name: 'Lost CRM', ownerEmail: OWNER }, { auth });
		expect(errorMessage).toBeUndefined();
		const active = crmIntegrationsOf(gong).filter((entry) => entry.active);
		expect(active).toHaveLength(1);
		expect(items).toEqual([expect.objectContaining({ integrationId: active[0].integrationId, name: 'Lost CRM' })]);
		// Asked, not sent again: one PUT, then the list of integrations.
		expect(gong.apiRequests().map((entry) => `${entry.method} ${entry.status}`)).toEqual(['PUT 500', 'GET 200']);
	});

	it('Get Integrations: the integration with its ID as text, to the last digit', async () => {
		const integrationId = await freshIntegration('Listed CRM');
		const { items, errorMessage } = await run('getIntegrations', {}, { auth });
		expect(errorMessage).toBeUndefined();
		expect(items).toEqual([{ integrationId, name: 'Listed CRM', ownerEmail: OWNER }]);
	});

	it('Register Integration again with the same name and owner outputs that one; another is a clear 409', async () => {
		const integrationId = await freshIntegration('ACME CRM');
		const same = await run('registerIntegration', { name: 'ACME CRM', ownerEmail: OWNER }, { auth });
		expect(same.errorMessage).toBeUndefined();
		expect(same.items).toEqual([expect.objectContaining({ integrationId, alreadyRegistered: true, name: 'ACME CRM' })]);
		const other = await run('registerIntegration', { name: 'Other CRM', ownerEmail: 'it@acme.example' }, { auth });
		expect(other.errorMessage).toBe(
			`Gong already has a CRM integration, "ACME CRM" (ID ${integrationId}): a company can have only one`,
		);
		const error = other.run.data.resultData.error as NodeApiError;
		expect(error.description).toContain('CRM → Delete Integration');
		expect(error.description).toContain('An active integration already exists');
		expect(crmIntegrationsOf(gong).filter((entry) => entry.active)).toHaveLength(1);
	});

	it('Register Integration with a native CRM connected: the 409 says a native one counts too', async () => {
		await removeIntegrations();
		setNativeCrmIntegration(gong, 'Salesforce');
		const { errorMessage, run: execution } = await run(
			'registerIntegration',
			{ name: 'ACME CRM', ownerEmail: OWNER },
			{ auth },
		);
		expect(errorMessage).toBe('Gong already has an active CRM integration: a company can have only one');
		expect((execution.data.resultData.error as NodeApiError).description).toMatch(/native CRM integration/);
	});

	it('Delete Integration: the exact ID, a generated Client Request ID it outputs, followed with Get Request Status', async () => {
		const integrationId = await freshIntegration();
		gong.clearLog();
		const deleted = await run(
			'deleteIntegration',
			{ integrationId: byId('={{ $json.integrationId }}') },
			{ auth, input: [{ integrationId }] },
		);
		expect(deleted.errorMessage).toBeUndefined();
		expect(deleted.items).toEqual([
			{ integrationId, clientRequestId: expect.stringMatching(GENERATED_ID), requestId: expect.any(String) },
		]);
		const [request] = crmRequests('/v2/crm/integrations', 'DELETE');
		expect(request.query).toEqual({ integrationId, clientRequestId: deleted.items[0].clientRequestId });
		expect(crmIntegrationsOf(gong).find((entry) => entry.integrationId === integrationId)?.active).toBe(false);

		const status = await run(
			'getRequestStatus',
			{ integrationId: byId(integrationId), clientRequestId: deleted.items[0].clientRequestId as string },
			{ auth },
		);
		expect(status.errorMessage).toBeUndefined();
		expect(status.items).toEqual([
			expect.objectContaining({ integrationId, clientRequestId: deleted.items[0].clientRequestId, status: 'DONE' }),
		]);
	});

	it('Delete Integration with a Client Request ID an upload used: a clear error, the integration stays', async () => {
		const integrationId = await freshIntegration();
		await run(
			'uploadEntities',
			{ integrationId: byId(integrationId), source: 'items', options: { clientRequestId: 'shared-id' } },
			{ auth, input: [account('acct-1')] },
		);
		const { errorMessage } = await run(
			'deleteIntegration',
			{ integrationId: byId(integrationId), options: { clientRequestId: 'shared-id' } },
			{ auth },
		);
		expect(errorMessage).toBe('Client Request ID "shared-id" was used before');
		expect(crmIntegrationsOf(gong).find((entry) => entry.integrationId === integrationId)?.active).toBe(true);
	});
});

describe.each(AUTHS)('CRM schema (%s)', (auth) => {
	it('Upload Schema field by field: Gong gets an array, checked and trimmed; Get Schema reads it back', async () => {
		const integrationId = await freshIntegration();
		gong.clearLog();
		const uploaded = await run(
			'uploadSchema',
			{
				integrationId: byId(integrationId),
				objectType: 'ACCOUNT',
				fieldsSource: 'fields',
				fields: {
					field: [
						{ uniqueName: 'tier', label: 'Tier', type: 'PICKLIST', orderedValueList: 'Gold, Silver,Bronze' },
						{ uniqueName: 'parentAccount', label: 'Parent', type: 'REFERENCE', referenceTo: 'ACCOUNT' },
						{
							uniqueName: 'arr',
							label: 'ARR',
							type: 'CURRENCY',
							referenceTo: 'ACCOUNT',
							lastModified: '2026-03-01T10:00:00.000Z',
						},
					],
				},
			},
			{ auth },
		);
		expect(uploaded.errorMessage).toBeUndefined();
		expect(uploaded.items).toEqual([
			{
				integrationId,
				objectType: 'ACCOUNT',
				fields: ['tier', 'parentAccount', 'arr'],
				deletedFields: [],
				requestId: expect.any(String),
			},
		]);
		const [post] = crmRequests('/v2/crm/entity-schema', 'POST');
		expect(post.query).toEqual({ integrationId, objectType: 'ACCOUNT' });
		expect(post.body).toEqual([
			{ uniqueName: 'tier', label: 'Tier', type: 'PICKLIST', orderedValueList: ['Gold', 'Silver', 'Bronze'] },
			{ uniqueName: 'parentAccount', label: 'Parent', type: 'REFERENCE', referenceTo: 'ACCOUNT' },
			{ uniqueName: 'arr', label: 'ARR', type: 'CURRENCY', lastModified: '2026-03-01T10:00:00Z' },
		]);
		expect(crmSchemaOf(gong, integrationId, 'ACCOUNT').map((field) => field.uniqueName)).toEqual([
			'tier',
			'parentAccount',
			'arr',
		]);

		const schema = await run('getSchema', { integrationId: byId(integrationId), objectType: 'ACCOUNT' }, { auth });
		expect(schema.errorMessage).toBeUndefined();
		expect(schema.items).toEqual([
			expect.objectContaining({ objectType: 'ACCOUNT', name: 'tier', type: 'PICKLIST' }),
			expect.objectContaining({ name: 'parentAccount', type: 'REFERENCE', referenceTo: 'ACCOUNT' }),
			expect.objectContaining({ name: 'arr', type: 'CURRENCY', lastModified: '2026-03-01T10:00:00Z' }),
		]);
		expect(crmRequests('/v2/crm/entity-schema', 'GET')[0].query).toEqual({ integrationId, objectType: 'ACCOUNT' });
	});

	it('Upload Schema as JSON from an expression: one object is sent as an array of one; Is Deleted removes a field', async () => {
		const integrationId = await freshIntegration();
		const first = await run(
			'uploadSchema',
			{
				integrationId: byId(integrationId),
				objectType: 'DEAL',
				fieldsSource: 'json',
				fieldsJson: '={{ $json.field }}',
			},
			{ auth, input: [{ field: { uniqueName: 'region', label: 'Region', type: 'STRING' } }] },
		);
		expect(first.errorMessage).toBeUndefined();
		expect(crmRequests('/v2/crm/entity-schema', 'POST').at(-1)!.body).toEqual([
			{ uniqueName: 'region', label: 'Region', type: 'STRING' },
		]);
		const second = await run(
			'uploadSchema',
			{
				integrationId: byId(integrationId),
				objectType: 'DEAL',
				fieldsSource: 'json',
				fieldsJson: JSON.stringify([
					{ uniqueName: 'region', label: 'Region', type: 'STRING', isDeleted: true },
					{ uniqueName: 'segment', label: 'Segment', type: 'STRING' },
				]),
			},
			{ auth },
		);
		expect(second.errorMessage).toBeUndefined();
		expect(second.items[0]).toMatchObject({ fields: ['region', 'segment'], deletedFields: ['region'] });
		expect(crmSchemaOf(gong, integrationId, 'DEAL').map((field) => field.uniqueName)).toEqual(['segment']);
	});

	it('Upload Schema checks the fields before sending anything', async () => {
		const integrationId = await freshIntegration();
		gong.clearLog();
		const picklist = await run(
			'uploadSchema',
			{
				integrationId: byId(integrationId),
				objectType: 'ACCOUNT',
				fieldsSource: 'fields',
				fields: { field: [{ uniqueName: 'tier', label: 'Tier', type: 'PICKLIST', orderedValueList: '' }] },
			},
			{ auth },
		);
		expect(picklist.errorMessage).toBe('Field "tier" is a Picklist without values');
		const notJson = await run(
			'uploadSchema',
			{ integrationId: byId(integrationId), objectType: 'ACCOUNT', fieldsSource: 'json', fieldsJson: '[{"x":' },
			{ auth },
		);
		expect(notJson.errorMessage).toBe('"Fields (JSON)" is not valid JSON');
		const badId = await run(
			'uploadSchema',
			{ integrationId: byId('={{ $json.id }}'), objectType: 'ACCOUNT', fieldsSource: 'json', fieldsJson: '[]' },
			{ auth, input: [{ id: '12ab' }] },
		);
		expect(badId.errorMessage).toBe('"12ab" in "Integration" is not a CRM integration ID');
		expect(gong.apiRequests()).toEqual([]);
	});
});

describe.each(AUTHS)('Upload Entities (%s)', (auth) => {
	const fromItems = (integrationId: string, extra: IDataObject = {}): IDataObject => ({
		integrationId: byId(integrationId),
		objectType: 'ACCOUNT',
		source: 'items',
		...extra,
	});

	it('from input items: one upload of one LDJSON line per item, one output item paired with all of them', async () => {
		const integrationId = await freshIntegration();
		const input = [account('acct-1'), account('acct-2', { url: 'https://crm.example/acct-2' }), account('acct-3')];
		gong.clearLog();
		const { output, items, errorMessage } = await run('uploadEntities', fromItems(integrationId), { auth, input });
		expect(errorMessage).toBeUndefined();

		const posts = crmRequests('/v2/crm/entities', 'POST');
		expect(posts).toHaveLength(1);
		expect(posts[0].query).toEqual({
			integrationId,
			objectType: 'ACCOUNT',
			clientRequestId: expect.stringMatching(GENERATED_ID),
		});
		expect(posts[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		const stored = crmRequestsOf(gong).at(-1)!;
		expect(stored.lines.filter(Boolean)).toEqual(input.map((entity) => JSON.stringify(entity)));

		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0]).toEqual({
			integrationId,
			objectType: 'ACCOUNT',
			clientRequestId: posts[0].query.clientRequestId,
			lines: 3,
			requestId: expect.any(String),
			status: 'DONE',
			totalSuccessCount: 3,
			totalErrorCount: 0,
			errors: [],
		});
		expect([...crmEntitiesOf(gong, integrationId, 'ACCOUNT').keys()]).toEqual(['acct-1', 'acct-2', 'acct-3']);
	});

	it('waits while Gong processes the upload (PENDING, IN_PROGRESS), reading its status', async () => {
		const integrationId = await freshIntegration();
		setCrmRequestProgress(gong, { polls: 3 });
		gong.clearLog();
		const upload = await run('uploadEntities', fromItems(integrationId, { objectType: 'CONTACT' }), {
			auth,
			input: [
				{ objectId: 'c-1', modifiedDate: '2026-03-01T10:00:00Z', emailAddress: 'ann@client.example' },
				{ objectId: 'c-2', modifiedDate: '2026-03-01T10:00:00Z', firstName: 'Bo' },
			],
		});
		expect(upload.errorMessage).toBeUndefined();
		expect(upload.items[0]).toMatchObject({ objectType: 'CONTACT', status: 'DONE', totalSuccessCount: 2 });
		expect(crmRequests('/v2/crm/request-status').map((entry) => entry.query)).toEqual(
			Array(3).fill({ integrationId, clientRequestId: upload.items[0].clientRequestId }),
		);
	});

	it('from an LDJSON file of each item: one upload per item, the file sent as it is', async () => {
		const integrationId = await freshIntegration();
		const file = (entities: IDataObject[]) => ({
			data: Buffer.from(entities.map((entity) => JSON.stringify(entity)).join('\n')).toString('base64'),
			mimeType: 'application/x-ndjson',
			fileName: 'accounts.ldjson',
		});
		gong.clearLog();
		const { output, items, errorMessage } = await run(
			'uploadEntities',
			{ ...fromItems(integrationId), source: 'binary', binaryPropertyName: 'data' },
			{
				auth,
				inputItems: [
					{ json: {}, binary: { data: file([account('f-1'), account('f-2')]) } },
					{ json: {}, binary: { data: file([account('f-3')]) } },
				],
			},
		);
		expect(errorMessage).toBeUndefined();
		const posts = crmRequests('/v2/crm/entities', 'POST');
		expect(posts.map((entry) => entry.query.clientRequestId)).toEqual([
			expect.stringMatching(/^n8n-1-[0-9a-f]{10}-0-0$/),
			expect.stringMatching(/^n8n-1-[0-9a-f]{10}-0-1$/),
		]);
		expect(
			crmRequestsOf(gong)
				.slice(-2)
				.map((request) => request.lines),
		).toEqual([[JSON.stringify(account('f-1')), JSON.stringify(account('f-2'))], [JSON.stringify(account('f-3'))]]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items).toEqual([
			expect.objectContaining({ fileName: 'accounts.ldjson', status: 'DONE', totalSuccessCount: 2 }),
			expect.objectContaining({ fileName: 'accounts.ldjson', status: 'DONE', totalSuccessCount: 1 }),
		]);
	});

	const withBadLines = () => [
		account('good-1'),
		{ modifiedDate: '2026-03-01T10:00:00Z', name: 'No id' },
		account('bad-date', { modifiedDate: 'yesterday' }),
	];

	it('lines Gong could not process fail the item by default, naming their lines and items', async () => {
		const integrationId = await freshIntegration();
		const { errorMessage, run: execution } = await run('uploadEntities', fromItems(integrationId), {
			auth,
			input: withBadLines(),
		});
		expect(errorMessage).toBe(
			'Gong could not process 2 lines of the Account upload: line 2 (item 1): Mandatory field [objectId] is missing or empty; ' +
				'line 3 (item 2): Invalid modifiedDate [yesterday]: expected an ISO-8601 date-time without milliseconds, e.g. 2019-01-03T23:45:57+01:00',
		);
		expect((execution.data.resultData.error as NodeApiError).description).toMatch(/^1 line was processed\. /);
		expect([...crmEntitiesOf(gong, integrationId, 'ACCOUNT').keys()]).toEqual(['good-1']);
	});

	it('lines Gong could not process are output with "When Lines Fail: Output Them"', async () => {
		const integrationId = await freshIntegration();
		const { items, errorMessage } = await run('uploadEntities', fromItems(integrationId, { onLineFailure: 'output' }), {
			auth,
			input: withBadLines(),
		});
		expect(errorMessage).toBeUndefined();
		expect(items).toEqual([
			expect.objectContaining({
				status: 'FAILED',
				totalSuccessCount: 1,
				totalErrorCount: 2,
				errors: [
					{ line: 2, itemIndex: 1, description: 'Mandatory field [objectId] is missing or empty' },
					{ line: 3, itemIndex: 2, description: expect.stringMatching(/^Invalid modifiedDate \[yesterday\]/) },
				],
			}),
		]);
	});

	it('after a lost answer (the upload took effect, Gong answered 500) the retry’s 409 is success: one upload', async () => {
		const integrationId = await freshIntegration();
		gong.inject({ kind: 'afterWrite', then: 'status', status: 500 }, { path: '/v2/crm/entities', method: 'POST' });
		gong.clearLog();
		const { items, errorMessage } = await run('uploadEntities', fromItems(integrationId), {
			auth,
			input: [account('lost-1'), account('lost-2')],
		});
		expect(errorMessage).toBeUndefined();
		const posts = crmRequests('/v2/crm/entities', 'POST');
		expect(posts.map((entry) => [entry.unsentStatus, entry.status])).toEqual([
			[201, 500],
			[undefined, 409],
		]);
		expect(new Set(posts.map((entry) => entry.query.clientRequestId)).size).toBe(1);
		const stored = crmRequestsOf(gong).filter((request) => request.integrationId === integrationId);
		expect(stored).toHaveLength(1);
		expect(items[0]).toMatchObject({ clientRequestId: posts[0].query.clientRequestId, status: 'DONE' });
		expect(items[0].totalSuccessCount).toBe(2);
	});

	it('after a dropped connection once Gong took the upload, the retry’s 409 is Gong knowing it: success, one upload', async () => {
		const integrationId = await freshIntegration();
		gong.inject({ kind: 'afterWrite', then: 'reset' }, { path: '/v2/crm/entities', method: 'POST', times: 1 });
		const { errorMessage, items } = await run('uploadEntities', fromItems(integrationId), {
			auth,
			input: [account('reset-1')],
		});
		expect(errorMessage).toBeUndefined();
		expect(items[0]).toMatchObject({ status: 'DONE', totalSuccessCount: 1 });
		expect(crmRequestsOf(gong).filter((request) => request.integrationId === integrationId)).toHaveLength(1);
	});

	it('a Client Request ID given again is a clear error and uploads nothing', async () => {
		const integrationId = await freshIntegration();
		const parameters = fromItems(integrationId, { options: { clientRequestId: 'accounts-2026-03-02' } });
		const first = await run('uploadEntities', parameters, { auth, input: [account('once-1')] });
		expect(first.errorMessage).toBeUndefined();
		expect(first.items[0].clientRequestId).toBe('accounts-2026-03-02');
		const again = await run('uploadEntities', parameters, { auth, input: [account('once-2')] });
		expect(again.errorMessage).toBe('Client Request ID "accounts-2026-03-02" was used before');
		const description = (again.run.data.resultData.error as NodeApiError).description ?? '';
		expect(description).toContain('Set Options → Client Request ID to a new value');
		expect(description).toContain('Client request id has already been used');
		expect([...crmEntitiesOf(gong, integrationId, 'ACCOUNT').keys()]).toEqual(['once-1']);
	});

	it('a generated Client Request ID used before says an earlier attempt of this run most likely got through', async () => {
		const integrationId = await freshIntegration();
		await run('uploadEntities', fromItems(integrationId), { auth, input: [account('gen-1')] });
		// The harness's execution ID is always 1: the same ID again, as n8n's Retry On Fail would send.
		const again = await run('uploadEntities', fromItems(integrationId), { auth, input: [account('gen-1')] });
		expect(again.errorMessage).toMatch(/^Client Request ID "n8n-1-[0-9a-f]{10}-0-0" was used before$/);
		expect((again.run.data.resultData.error as NodeApiError).description).toContain(
			'an earlier attempt of this same run most likely got through',
		);
	});

	it('Continue On Fail: one error item paired with every input item (from items), or with its own item (files)', async () => {
		const integrationId = await freshIntegration();
		const fromInput = await run('uploadEntities', fromItems(UNKNOWN_INTEGRATION), {
			auth,
			input: [account('x-1'), account('x-2')],
			continueOnFail: true,
		});
		expect(fromInput.errorMessage).toBeUndefined();
		expect(fromInput.output).toEqual([
			{
				json: expect.objectContaining({
					error: `Gong rejected the request: No active integration with integrationId ${UNKNOWN_INTEGRATION}`,
					httpCode: '400',
				}),
				pairedItem: [{ item: 0 }, { item: 1 }],
			},
		]);

		const fromFiles = await run(
			'uploadEntities',
			{ ...fromItems(integrationId), source: 'binary', binaryPropertyName: 'data' },
			{
				auth,
				continueOnFail: true,
				inputItems: [
					{
						json: {},
						binary: {
							data: {
								data: Buffer.from(JSON.stringify(account('y-1'))).toString('base64'),
								mimeType: 'application/x-ndjson',
								fileName: 'y.ldjson',
							},
						},
					},
					{ json: {} },
				],
			},
		);
		expect(fromFiles.errorMessage).toBeUndefined();
		expect(fromFiles.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(fromFiles.items[0]).toMatchObject({ status: 'DONE', totalSuccessCount: 1 });
		expect(fromFiles.items[1].error).toMatch(/binary file 'data'/);
	});

	it('without waiting: outputs the accepted upload and reads no status', async () => {
		const integrationId = await freshIntegration();
		gong.clearLog();
		const { items, errorMessage } = await run(
			'uploadEntities',
			fromItems(integrationId, { waitForProcessing: false }),
			{ auth, input: [account('nowait-1')] },
		);
		expect(errorMessage).toBeUndefined();
		expect(items).toEqual([
			{
				integrationId,
				objectType: 'ACCOUNT',
				clientRequestId: expect.stringMatching(GENERATED_ID),
				lines: 1,
				requestId: expect.any(String),
			},
		]);
		expect(crmRequests('/v2/crm/request-status')).toEqual([]);
	});
});

describe('A missing OAuth scope is named', () => {
	const cases: Array<{ operation: string; parameters: IDataObject; scope: string }> = [
		{ operation: 'getIntegrations', parameters: {}, scope: 'api:crm:integrations:read' },
		{
			operation: 'registerIntegration',
			parameters: { name: 'ACME CRM', ownerEmail: OWNER },
			scope: 'api:crm:integration:register',
		},
		{
			operation: 'deleteIntegration',
			parameters: { integrationId: byId(UNKNOWN_INTEGRATION) },
			scope: 'api:crm:integration:delete',
		},
		{
			operation: 'getSchema',
			parameters: { integrationId: byId(UNKNOWN_INTEGRATION), objectType: 'LEAD' },
			scope: 'api:crm:schema',
		},
		{
			operation: 'uploadSchema',
			parameters: {
				integrationId: byId(UNKNOWN_INTEGRATION),
				objectType: 'LEAD',
				fieldsSource: 'json',
				fieldsJson: '[{"uniqueName": "x", "label": "X", "type": "STRING"}]',
			},
			scope: 'api:crm:schema',
		},
		{
			operation: 'uploadEntities',
			parameters: { integrationId: byId(UNKNOWN_INTEGRATION), objectType: 'LEAD', source: 'items' },
			scope: 'api:crm:upload',
		},
		{
			operation: 'getRequestStatus',
			parameters: { integrationId: byId(UNKNOWN_INTEGRATION), clientRequestId: 'some-upload' },
			scope: 'api:crm:upload',
		},
	];

	it.each(cases)('$operation: $scope', async ({ operation, parameters, scope }) => {
		await removeIntegrations();
		const token = crmToken([...new Set([...GONG_SCOPES, ...CRM_SCOPES])].filter((entry) => entry !== scope));
		const { errorMessage } = await run(operation, parameters, {
			auth: 'oAuth2',
			credentials: oauthCredentials(gong, token),
			input: [{ objectId: 'lead-1', modifiedDate: '2026-03-01T10:00:00Z' }],
		});
		expect(errorMessage).toBe(`Missing Gong permission: ${scope}`);
	});
});
