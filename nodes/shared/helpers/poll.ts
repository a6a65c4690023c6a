import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

/** Pauses between status reads of Gong's asynchronous jobs. Mutable for the test suite only. */
export const pollPolicy = { firstMs: 2_000, maxMs: 10_000 };

/**
 * Reads a job's status until `done` says it finished: 2 s between reads, growing to 10 s. Past
 * `maxWaitMs` it fails with `timeout`'s message and advice: the job goes on in Gong.
 */
export async function pollUntil<T>(
	ctx: IExecuteFunctions,
	args: {
		first: T;
		read: () => Promise<T>;
		done: (status: T) => boolean;
		maxWaitMs: number;
		timeout: (last: T) => { message: string; description: string };
		itemIndex: number;
	},
): Promise<T> {
	const until = Date.now() + args.maxWaitMs;
	let status = args.first;
	for (let pause = pollPolicy.firstMs; !args.done(status); pause = Math.min(pause * 1.5, pollPolicy.maxMs)) {
		if (Date.now() + pause > until) {
			const { message, description } = args.timeout(status);
			throw new NodeOperationError(ctx.getNode(), message, { itemIndex: args.itemIndex, description });
		}
		await sleep(pause);
		status = await args.read();
	}
	return status;
}
