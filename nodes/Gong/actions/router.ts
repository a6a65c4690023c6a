import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorAsAnswer, runsAsTool } from '../../shared/helpers/tool';
import { reportRequests } from '../../shared/transport/usage';
import type { GongResource, GongType } from './node.type';
import { resources } from './resources';

type Operation = (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

/** Checked against node.type.ts: a resource offering an operation it has no file for fails to compile. */
const operations: { [R in GongResource]: Record<GongType[R], { execute: Operation }> } = resources;

/**
 * Reads resource and operation and hands all input items to the operation. As an AI agent's tool,
 * a failure is the tool's answer (`{ error }` with n8n's description), not a failed execution.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as GongResource;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = (operations[resource] as Record<string, { execute: Operation }> | undefined)?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
	}
	try {
		const run = handler.execute.call(this, items);
		return [runsAsTool(this) ? await run.catch((error: unknown) => errorAsAnswer(error, items)) : await run];
	} finally {
		reportRequests(this);
	}
}
