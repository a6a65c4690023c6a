import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	IWorkflowBase,
} from 'n8n-workflow';

import type { GongStandIn, StandInTokenResponse } from '../stand-in/gong-stand-in';
import { runWorkflow, type RunResult } from './n8n-harness';

/** Every `test/workflows/**\/*.workflow.json`, keyed by its path below test/workflows. */
const fixtures = import.meta.glob<IWorkflowBase>('../workflows/**/*.workflow.json', { eager: true, import: 'default' });

export function fixture(name: string): IWorkflowBase {
	const workflow = fixtures[`../workflows/${name}.workflow.json`];
	if (!workflow) throw new Error(`No fixture test/workflows/${name}.workflow.json`);
	return structuredClone(workflow);
}

export function fixtureNames(): string[] {
	return Object.keys(fixtures).map((key) => key.replace('../workflows/', '').replace('.workflow.json', ''));
}

export type Auth = 'accessKey' | 'oAuth2';

export const CLIENT = { clientId: 'test-client-id', clientSecret: 'test-client-secret' };
export const ACCESS_KEY = { accessKey: 'test-access-key', accessKeySecret: 'test-access-key-secret' };

export function accessKeyCredentials(standIn: GongStandIn, overrides: IDataObject = {}) {
	return {
		gongAccessKeyApi: { baseUrl: standIn.baseUrl, ...ACCESS_KEY, ...overrides } as ICredentialDataDecryptedObject,
	};
}

export function oauthCredentials(
	standIn: GongStandIn,
	token: StandInTokenResponse | IDataObject,
	overrides: IDataObject = {},
) {
	return {
		gongIntegrationOAuth2Api: {
			gongAppUrl: standIn.baseUrl,
			...CLIENT,
			oauthTokenData: { ...token },
			...overrides,
		} as ICredentialDataDecryptedObject,
	};
}

/** The Gong node of a fixture, switched to the given authentication. */
export function useAuthentication(workflow: IWorkflowBase, auth: Auth): IWorkflowBase {
	for (const node of workflow.nodes) {
		if (!isGongNode(node)) continue;
		node.parameters.authentication = auth;
		node.credentials =
			auth === 'oAuth2'
				? { gongIntegrationOAuth2Api: { id: '2', name: 'Gong OAuth2' } }
				: { gongAccessKeyApi: { id: '1', name: 'Gong account' } };
	}
	return workflow;
}

/** The Gong node, or the Gong node as an AI agent's tool (`…gongTool`, as n8n builds it). */
const isGongNode = (node: INode) => node.type === 'n8n-nodes-gong.gong' || node.type === 'n8n-nodes-gong.gongTool';

export function gongNode(workflow: IWorkflowBase): INode {
	return workflow.nodes.find(isGongNode)!;
}

/** Runs a fixture against the stand-in with either credential type. */
export async function runFixture(
	standIn: GongStandIn,
	name: string | IWorkflowBase,
	input: IDataObject[] = [{}],
	options: {
		auth?: Auth;
		credentials?: Record<string, ICredentialDataDecryptedObject>;
		/** Input items with binary data; replaces `input`. */
		inputItems?: INodeExecutionData[];
	} = {},
): Promise<RunResult & { items: IDataObject[] }> {
	const auth = options.auth ?? 'accessKey';
	const workflow = useAuthentication(typeof name === 'string' ? fixture(name) : name, auth);
	const credentials =
		options.credentials ??
		(auth === 'oAuth2' ? oauthCredentials(standIn, standIn.issueToken()) : accessKeyCredentials(standIn));
	const result = await runWorkflow(workflow, credentials, { input, inputItems: options.inputItems });
	return { ...result, items: result.output('Gong').map((item) => item.json) };
}
