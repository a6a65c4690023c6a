import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Whether this node runs as an AI agent's tool. n8n builds the tool as a "…Tool" node type from the
 * node itself; `isToolExecution()` is false when n8n 2.x's AI Agent runs its tools as nodes.
 */
export function runsAsTool(ctx: IExecuteFunctions): boolean {
	return ctx.getNode().type.endsWith('Tool');
}

/** An error as one line an agent can act on: what happened, then what to do (n8n's description). */
export function errorText(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	const description = (error as Error & { description?: unknown }).description;
	const more = typeof description === 'string' && description.trim() ? ` ${description.trim()}` : '';
	return `${error.message}${more}`;
}

/**
 * A tool's failure as its answer: `{ error }` for every input item. An agent reads it and can try
 * again differently; a failed execution would tell it nothing (n8n 1.x stops the whole run) or only
 * the first line (n8n 2.x drops the description, where Gong's missing scope or the fix is).
 */
export function errorAsAnswer(error: unknown, items: INodeExecutionData[]): INodeExecutionData[] {
	const text = errorText(error);
	return items.map((_, item) => ({ json: { error: text }, pairedItem: { item } }));
}

/** "Allow an AI Agent to Run This", shown on the tool only: off, an agent cannot run the operation. */
export function allowAgentField(may: string): INodeProperties {
	return {
		displayName: 'Allow an AI Agent to Run This',
		name: 'allowAsTool',
		type: 'boolean',
		default: false,
		displayOptions: { show: { '@tool': [true] } },
		description: `Whether an AI agent using this node as a tool may ${may}. Off: the node refuses when run as a tool, whatever the agent fills in.`,
	};
}

/**
 * Destructive and credit-spending operations refuse to run as an agent's tool unless the workflow's
 * author switched "Allow an AI Agent to Run This" on; checked for every item before anything is sent.
 */
export function refuseAgentUnlessAllowed(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	action: string,
	nothing = 'Nothing was sent to Gong.',
): void {
	if (!runsAsTool(ctx)) return;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		if (ctx.getNodeParameter('allowAsTool', itemIndex, false) as boolean) continue;
		throw new NodeOperationError(ctx.getNode(), `${action} is not allowed for an AI agent here`, {
			itemIndex,
			description: `The workflow author has not switched on "Allow an AI Agent to Run This" for this Gong node. ${nothing}`,
		});
	}
}
