/**
 * What a real n8n is given to talk to the Gong stand-in: sample data around today, credentials that
 * point at the stand-in, and the example workflows wired to them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { GongStandIn, StandInOptions } from '../../test/stand-in/gong-stand-in';
import { REPO_ROOT, type ImportedCredential, type WorkflowJson } from './n8n';

/** The examples `npm run dev` imports and `npm run test:e2e` runs, with the IDs they get in n8n. */
export const EXAMPLES = {
	calls: { file: 'calls-last-7-days.workflow.json', id: 'gongExampleCalls', node: 'Get calls of the last 7 days' },
	transcripts: { file: 'transcripts-as-text.workflow.json', id: 'gongExampleTrans', node: 'Get transcripts as text' },
	users: { file: 'users.workflow.json', id: 'gongExampleUsers', node: 'Get all users' },
} as const;

export type ExampleName = keyof typeof EXAMPLES;

/**
 * The AI-agent example (an OpenAI chat model and Gong tools): run by e2e/agent.e2e.ts against an LLM
 * stand-in, not imported by `npm run dev` (it needs a model).
 */
export const AGENT_EXAMPLE = {
	file: 'gong-agent.workflow.json',
	agent: 'AI Agent',
	model: 'OpenAI Chat Model',
	tools: { search: 'Search calls', transcript: 'Get transcript', users: 'Get users' },
} as const;

export const CREDENTIAL_IDS = {
	basic: 'gongStandIn00001',
	connected: 'gongStandIn00002',
} as const;

/**
 * A realistic company: 240 calls over the last 30 days (one every 3 hours: a 7-day window holds about
 * 56, the whole month needs 3 pages), 40 users in 2 workspaces, Gong's 3 requests/s limit on.
 */
export function sampleStandInOptions(now = Date.now(), ports?: StandInOptions['ports']): StandInOptions {
	const days = 30;
	const calls = 240;
	return {
		calls,
		users: 40,
		workspaces: 2,
		seed: 7,
		startDate: new Date(now - days * 86_400_000).toISOString(),
		callIntervalMinutes: (days * 24 * 60) / calls,
		rateLimitPerSecond: 3,
		pageSize: 100,
		ports,
	};
}

export function accessKeyCredential(standIn: GongStandIn, name = 'Gong stand-in (access key)'): ImportedCredential {
	return {
		id: CREDENTIAL_IDS.basic,
		name,
		type: 'gongAccessKeyApi',
		data: { baseUrl: standIn.baseUrl, accessKey: 'test-access-key', accessKeySecret: 'test-access-key-secret' },
	};
}

/**
 * An OAuth2 credential as n8n stores it after "Connect my account" against the stand-in: the Gong
 * Login URL points at the stand-in (its /oauth2/authorize and /oauth2/generate-customer-token), and
 * the token data carries the per-customer API host.
 */
export function oauthCredential(
	standIn: GongStandIn,
	token: Record<string, unknown>,
	name = 'Gong stand-in (OAuth2)',
): ImportedCredential {
	return {
		id: CREDENTIAL_IDS.connected,
		name,
		type: 'gongIntegrationOAuth2Api',
		data: {
			gongAppUrl: standIn.baseUrl,
			clientId: 'test-client-id',
			clientSecret: 'test-client-secret',
			scope:
				'api:calls:read:basic api:calls:read:extensive api:calls:read:transcript api:users:read api:workspaces:read',
			oauthTokenData: token,
		},
	};
}

export async function readExample(name: ExampleName): Promise<WorkflowJson> {
	return await readExampleFile(EXAMPLES[name].file);
}

/** A workflow of examples/ by its file name. */
export async function readExampleFile(file: string): Promise<WorkflowJson> {
	return JSON.parse(await readFile(path.join(REPO_ROOT, 'examples', file), 'utf8')) as WorkflowJson;
}

/** An example with its n8n ID and every Gong node pointed at one credential. */
export async function exampleWorkflow(
	name: ExampleName,
	credential: ImportedCredential,
	overrides: { id?: string; name?: string } = {},
): Promise<WorkflowJson> {
	const workflow = await readExample(name);
	const authentication = credential.type === 'gongAccessKeyApi' ? 'accessKey' : 'oAuth2';
	for (const node of workflow.nodes) {
		if (!node.type.startsWith('n8n-nodes-gong.')) continue;
		node.parameters.authentication = authentication;
		node.credentials = { [credential.type]: { id: credential.id, name: credential.name } };
	}
	return {
		...workflow,
		id: overrides.id ?? EXAMPLES[name].id,
		name: overrides.name ?? workflow.name,
		active: false,
	};
}
