import {
	Credentials,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PackageDirectoryLoader,
	PollContext,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	ICredentialType,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	Workflow as WorkflowType,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';

/**
 * Runs workflow JSON through n8n-core's real execution engine (WorkflowExecute) with this package
 * loaded the way n8n loads a community package: PackageDirectoryLoader reading package.json's `n8n`
 * block and requiring the built classes from dist/. Modelled on n8n's own NodeTestHarness.
 */

/**
 * The package folder n8n-core loads: the repository, or (GONG_PACKAGE_DIR, vitest.n8n1.config.ts)
 * a copy staged where its `require('n8n-workflow')` finds another n8n's own, as in that n8n.
 */
export const PACKAGE_DIR: string =
	(import.meta.env.GONG_PACKAGE_DIR as string | undefined)?.replace(/\/?$/, '/') ??
	new URL('../..', import.meta.url).pathname;

/** The major version of the n8n whose n8n-core runs the tests (vitest.n8n1.config.ts: 1). */
export const N8N_MAJOR = Number((import.meta.env.GONG_N8N_MAJOR as string | undefined) ?? 2);
export const PACKAGE_NAME = 'n8n-nodes-gong';

/** Stands in for n8n-nodes-base's Manual Trigger: a start node that passes one empty item on. */
class ManualTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Test stand-in for the Manual Trigger',
		defaults: { name: 'When clicking ‘Execute workflow’' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((item, index) => ({
				json: item.json,
				...(item.binary ? { binary: item.binary } : {}),
				pairedItem: { item: index },
			})),
		];
	}
}

let loaderPromise: Promise<PackageDirectoryLoader> | undefined;

export async function loadPackage(): Promise<PackageDirectoryLoader> {
	loaderPromise ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_DIR);
		await loader.loadAll();
		return loader;
	})();
	return await loaderPromise;
}

class TestNodeTypes implements INodeTypes {
	constructor(private readonly loader: PackageDirectoryLoader) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		if (nodeType === 'n8n-nodes-base.manualTrigger') return new ManualTrigger();
		const [pkg, name] = nodeType.split('.');
		if (pkg !== PACKAGE_NAME) throw new Error(`Unknown node type ${nodeType}`);
		if (!name.endsWith('Tool')) return this.loader.getNode(name).type;
		return this.toolOf(this.loader.getNode(name.slice(0, -'Tool'.length)).type as INodeType);
	}

	private readonly tools = new Map<INodeType, INodeType>();

	/**
	 * n8n runs a node used as an AI tool as "<name>Tool", built from the node itself (n8n's
	 * convertNodeToAiTool): the same execute, a description named "…Tool", so that parameters shown
	 * only to tools (`'@tool': [true]`) resolve as they do in n8n. Inputs and outputs stay "main"
	 * so tests read a tool's answer as a node's output (n8n 2.x's AI Agent runs tools as nodes too).
	 */
	private toolOf(node: INodeType): INodeType {
		let tool = this.tools.get(node);
		if (!tool) {
			tool = Object.create(node) as INodeType;
			tool.description = {
				...node.description,
				name: `${node.description.name}Tool`,
				displayName: `${node.description.displayName} Tool`,
			};
			this.tools.set(node, tool);
		}
		return tool;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes() {
		return {};
	}
}

const OAUTH2_BASE_PROPERTIES = ['clientId', 'clientSecret', 'oauthTokenData'];

/**
 * Credentials for a run: data per credential type, defaults from the credential class applied and
 * `={{ $self[...] }}` defaults resolved (as n8n does), generic `authenticate` blocks resolved with
 * n8n's expression engine, and OAuth token updates kept so tests can see what n8n would persist.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	readonly updates: Array<{ type: string; data: ICredentialDataDecryptedObject }> = [];

	constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly store: Record<string, ICredentialDataDecryptedObject>,
		private readonly expressionWorkflow: WorkflowType,
	) {
		super();
	}

	private type(name: string): ICredentialType {
		return this.loader.getCredential(name).type;
	}

	getParentTypes(name: string): string[] {
		if (name === 'oAuth2Api' || name === 'oAuth1Api') return [];
		const parents = this.type(name).extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	private resolve(value: unknown, node: INode, keys: Record<string, unknown>, self?: object): unknown {
		if (typeof value !== 'string' || !value.startsWith('=')) return value;
		return this.expressionWorkflow.expression.getComplexParameterValue(
			node,
			value,
			'internal',
			keys as never,
			undefined,
			undefined,
			self,
		);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		_workflow?: WorkflowType,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!authenticate) return requestOptions;
		const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
		for (const [outerKey, inner] of Object.entries(authenticate.properties)) {
			target[outerKey] ??= {};
			for (const [key, value] of Object.entries(inner as Record<string, unknown>)) {
				target[outerKey][key] = this.resolve(value, node ?? mockNode, { $credentials: credentials });
			}
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string) {
		return new Credentials(nodeCredentials, type, '');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = structuredClone(this.store[type] ?? {});
		const data: ICredentialDataDecryptedObject = {};
		for (const property of this.type(type).properties) {
			// Like n8n: hidden fields always take their default, visible ones the stored value.
			data[property.name] =
				property.type === 'hidden' || !(property.name in stored)
					? (property.default as ICredentialDataDecryptedObject[string])
					: stored[property.name];
		}
		for (const name of OAUTH2_BASE_PROPERTIES) if (name in stored) data[name] = stored[name];
		for (const [name, value] of Object.entries(data)) {
			data[name] = this.resolve(value, mockNode, {}, data) as ICredentialDataDecryptedObject[string];
		}
		return data;
	}

	async updateCredentials(_details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject) {
		this.store[type] = structuredClone(data);
		this.updates.push({ type, data: structuredClone(data) });
	}

	async updateCredentialsOauthTokenData(
		details: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	) {
		await this.updateCredentials(details, type, { ...this.store[type], oauthTokenData: data.oauthTokenData });
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}

const mockNode: INode = {
	id: 'credentials',
	name: 'credentials',
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export interface RunResult {
	run: IRun;
	/** Output items of a node (first run, first output), pairedItem kept. */
	output(nodeName: string): INodeExecutionData[];
	/** The workflow-level error message, when the run failed. */
	errorMessage?: string;
	credentials: TestCredentialsHelper;
}

function buildAdditionalData(
	credentialsHelper: TestCredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
	extra: Record<string, unknown> = {},
): IWorkflowExecuteAdditionalData {
	return {
		hooks,
		credentialsHelper,
		executionId: '1',
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		variables: {},
		currentNodeParameters: undefined,
		executeWorkflow: async () => {
			throw new Error('not supported in tests');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not supported in tests');
		},
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}

type WorkflowJson = { nodes: INode[]; connections: IWorkflowBase['connections'] };

async function environment(
	workflowJson: WorkflowJson,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	staticData?: IDataObject,
) {
	const loader = await loadPackage();
	const workflow = new Workflow({
		id: 'test',
		nodes: structuredClone(workflowJson.nodes),
		connections: workflowJson.connections,
		nodeTypes: new TestNodeTypes(loader),
		active: true,
		staticData,
	});
	const credentialsHelper = new TestCredentialsHelper(loader, structuredClone(credentials), workflow);
	return { workflow, credentialsHelper };
}

/** The context n8n gives a node's listSearch/loadOptions methods while a user edits `nodeName`. */
export async function loadOptionsContext(
	workflowJson: WorkflowJson,
	nodeName: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): Promise<LoadOptionsContext> {
	const { workflow, credentialsHelper } = await environment(workflowJson, credentials);
	const node = workflow.getNode(nodeName)!;
	// As the editor sends them: the parameters of the node being edited (a picker may depend on one).
	return new LoadOptionsContext(
		workflow,
		node,
		buildAdditionalData(credentialsHelper, undefined, { currentNodeParameters: node.parameters }),
		'parameters',
	);
}

/**
 * The context n8n gives a polling trigger's `poll()`: `mode` 'manual' is "Fetch test event",
 * 'trigger' an active workflow's scheduled poll. The node's static data lives in `staticData`
 * (pass the same object to the next poll, as n8n persists it between polls).
 */
export async function pollContext(
	workflowJson: WorkflowJson,
	nodeName: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	options: { mode: 'manual' | 'trigger'; staticData: IDataObject; pollBudgetMs?: number },
): Promise<PollContext> {
	const { workflow, credentialsHelper } = await environment(workflowJson, credentials, options.staticData);
	return new PollContext(
		workflow,
		workflow.getNode(nodeName)!,
		buildAdditionalData(credentialsHelper),
		options.mode,
		options.mode === 'manual' ? 'manual' : 'activate',
		undefined,
		undefined,
		undefined,
		undefined,
		undefined,
		// n8n's own default is 5 minutes; its durable scheduler gives 45 s less a margin.
		options.pollBudgetMs === undefined ? undefined : () => options.pollBudgetMs!,
	);
}

/**
 * The context n8n gives a webhook node's `webhook()` for one real HTTP request (`req`/`res` from
 * an express server, with `rawBody` set the way n8n sets it).
 */
export async function webhookContext(
	workflowJson: WorkflowJson,
	nodeName: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	http: { req: unknown; res: unknown; isTest?: boolean; webhookBaseUrl?: string },
): Promise<WebhookContext> {
	const { workflow, credentialsHelper } = await environment(workflowJson, credentials);
	const node = workflow.getNode(nodeName)!;
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const webhookDescription = nodeType.description.webhooks![0];
	const base = http.webhookBaseUrl ?? 'http://127.0.0.1:5678';
	const additionalData = buildAdditionalData(credentialsHelper, undefined, {
		httpRequest: http.req,
		httpResponse: http.res,
		webhookBaseUrl: `${base}/webhook`,
		webhookTestBaseUrl: `${base}/webhook-test`,
	});
	const mode = http.isTest ? 'manual' : 'webhook';
	return new WebhookContext(
		workflow,
		node,
		additionalData,
		mode,
		{
			httpMethod: 'POST',
			node: nodeName,
			path: String(webhookDescription.path),
			webhookDescription,
			workflowId: 'test',
			workflowExecuteAdditionalData: additionalData,
			isTest: http.isTest,
		},
		[],
		null,
	);
}

/** Executes a workflow from its start node, exactly as n8n's NodeTestHarness does. */
export async function runWorkflow(
	workflowJson: IWorkflowBase | { nodes: INode[]; connections: IWorkflowBase['connections'] },
	credentials: Record<string, ICredentialDataDecryptedObject>,
	options: { mode?: 'manual' | 'trigger' | 'internal'; input?: IDataObject[]; inputItems?: INodeExecutionData[] } = {},
): Promise<RunResult> {
	const loader = await loadPackage();
	const nodeTypes = new TestNodeTypes(loader);
	const workflow = new Workflow({
		id: 'test',
		nodes: structuredClone(workflowJson.nodes),
		connections: workflowJson.connections,
		nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});
	const credentialsHelper = new TestCredentialsHelper(loader, structuredClone(credentials), workflow);
	const hooks = new ExecutionLifecycleHooks(options.mode ?? 'manual', '1', {
		id: 'test',
		name: 'test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
	});
	let resolveRun: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveRun(fullRunData));
	const additionalData = buildAdditionalData(credentialsHelper, hooks);

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: workflow.getStartNode()!,
					// `inputItems` carries binary data too (a recording, an LDJSON file).
					data: { main: [options.inputItems ?? (options.input ?? [{}]).map((json) => ({ json }))] },
					source: null,
				},
			],
		},
	});
	await new WorkflowExecute(additionalData, options.mode ?? 'manual', runExecutionData).processRunExecutionData(
		workflow,
	);
	const run = await finished;
	const error = run.data.resultData.error;
	return {
		run,
		credentials: credentialsHelper,
		errorMessage: error ? ((error.cause as Error | undefined)?.message ?? error.message) : undefined,
		output: (nodeName: string) => run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [],
	};
}
