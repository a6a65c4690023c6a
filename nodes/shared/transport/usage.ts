import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * What a node run cost against Gong's quota (10,000 requests a day per company): every request
 * sent, including those Gong refused with 429 (they count towards nothing, but they show a busy
 * company) and retries. Keyed by n8n's context object, which is one per node run.
 */
export interface RequestCount {
	requests: number;
	rateLimited: number;
}

const counts = new WeakMap<object, RequestCount>();

export function countRequest(ctx: object, status?: number): void {
	const count = counts.get(ctx) ?? { requests: 0, rateLimited: 0 };
	count.requests++;
	if (status === 429) count.rateLimited++;
	counts.set(ctx, count);
}

export function requestsMadeBy(ctx: object): RequestCount {
	return counts.get(ctx) ?? { requests: 0, rateLimited: 0 };
}

/** "12 requests to Gong", shown under the node's output and kept with the execution. */
export function describeRequests({ requests, rateLimited }: RequestCount): string {
	const refused = rateLimited
		? `, ${rateLimited} of them refused by Gong's rate limit (429) and sent again after its Retry-After`
		: '';
	return `This node made ${requests} request${requests === 1 ? '' : 's'} to Gong${refused}. Gong allows 10,000 a day per company.`;
}

/** Adds the run's request count as an execution hint (n8n ≥ 1.x execute contexts have them). */
export function reportRequests(ctx: IExecuteFunctions): void {
	const count = requestsMadeBy(ctx);
	if (!count.requests || typeof ctx.addExecutionHints !== 'function') return;
	ctx.addExecutionHints({ message: describeRequests(count), type: 'info', location: 'outputPane' });
}
