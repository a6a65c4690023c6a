import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** The error item `continueOnFail` emits: Gong's message, what to do, and Gong's request id. */
export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error instanceof Error ? error.message : String(error) };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.description) json.description = error.description;
		if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
		if (error.context.requestId) json.requestId = error.context.requestId as string;
	}
	return { json, pairedItem: { item: itemIndex } };
}

/** Keeps an error's own class (and Gong's details) while pinning it to the input item. */
export function asItemError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * Runs `fn` for every input item: its records become output items paired with that input item;
 * with "Continue On Fail" a failing item yields an error item instead of stopping the node.
 */
export async function forEachItem(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	fn: (itemIndex: number) => Promise<IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const records = await fn(itemIndex);
			for (const json of records) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (!ctx.continueOnFail()) throw asItemError(ctx, error, itemIndex);
			output.push(errorItem(error, itemIndex));
		}
	}
	return output;
}

/**
 * For operations that look many IDs up in few requests: `parse` reads each item's ID (a bad one
 * fails only that item), `fetch` gets all of them at once, `shape` builds each item's output. An
 * error in `fetch` fails every item (or yields an error item per item under "Continue On Fail").
 */
export async function batchById<K, V>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	parse: (itemIndex: number) => K,
	fetch: (keys: K[]) => Promise<V>,
	shape: (key: K, fetched: V, itemIndex: number) => IDataObject[],
): Promise<INodeExecutionData[]> {
	const keys: Array<{ ok: true; key: K } | { ok: false; error: unknown }> = items.map((_, itemIndex) => {
		try {
			return { ok: true, key: parse(itemIndex) };
		} catch (error) {
			return { ok: false, error };
		}
	});
	const failFirst = (index: number, error: unknown) => {
		if (!ctx.continueOnFail()) throw asItemError(ctx, error, index);
	};
	keys.forEach((entry, index) => {
		if (!entry.ok) failFirst(index, entry.error);
	});
	const valid = keys.flatMap((entry) => (entry.ok ? [entry.key] : []));
	let fetched: V | undefined;
	let fetchError: unknown;
	try {
		if (valid.length) fetched = await fetch(valid);
	} catch (error) {
		const firstValid = keys.findIndex((entry) => entry.ok);
		failFirst(firstValid, error);
		fetchError = error;
	}
	return await forEachItem(ctx, items, async (itemIndex) => {
		const entry = keys[itemIndex];
		if (!entry.ok) throw entry.error;
		if (fetchError !== undefined || fetched === undefined) throw fetchError;
		return shape(entry.key, fetched, itemIndex);
	});
}

/**
 * For writes sent in batches: each item's part of the request, read before anything is sent. An
 * item whose parameters are bad is left out here; `forEachItem` reads it again and reports its own
 * error for that item alone.
 */
export function parseEachItem<T>(items: INodeExecutionData[], parse: (itemIndex: number) => T): Map<number, T> {
	const parsed = new Map<number, T>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			parsed.set(itemIndex, parse(itemIndex));
		} catch {
			// Reported by forEachItem, with this item's own error.
		}
	}
	return parsed;
}

/**
 * For writes Gong takes as a list but refuses whole for one bad entry (400 "Some calls not found"):
 * every item's part is read first (a bad one fails only its item); items of the same `group` go in
 * requests of up to `size` items that `fit`. A list Gong refuses with 400 is sent again item by
 * item, so only the items Gong refuses fail; any other error is the error of every item in that
 * request. `shape` builds an item's output from the answer of the request its part went in.
 */
export async function batchWrites<P, A>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	args: {
		parse: (itemIndex: number) => P;
		group?: (part: P) => string;
		size: number;
		fits?: (parts: P[]) => boolean;
		send: (parts: P[], itemIndex: number) => Promise<A>;
		shape: (part: P, answer: A) => IDataObject[];
	},
): Promise<INodeExecutionData[]> {
	const parsed = parseEachItem(items, args.parse);
	const answered = new Map<number, A>();
	const failed = new Map<number, unknown>();
	const groups = new Map<string, number[]>();
	for (const [itemIndex, part] of parsed) {
		const key = args.group?.(part) ?? '';
		groups.set(key, [...(groups.get(key) ?? []), itemIndex]);
	}
	const partsOf = (batch: number[]) => batch.map((index) => parsed.get(index) as P);
	const batches: number[][] = [];
	for (const indexes of groups.values()) {
		// Filled in item order while the next item still fits: items too big to share go alone.
		let current: number[] = [];
		for (const index of indexes) {
			const next = [...current, index];
			if (current.length && (next.length > args.size || (args.fits && !args.fits(partsOf(next))))) {
				batches.push(current);
				current = [index];
			} else {
				current = next;
			}
		}
		if (current.length) batches.push(current);
	}
	// A lone item goes in its own request below (with its own error); a batch fits by construction.
	for (const batch of batches.filter((candidate) => candidate.length > 1)) {
		try {
			const answer = await args.send(partsOf(batch), batch[0] as number);
			for (const index of batch) answered.set(index, answer);
		} catch (error) {
			if (!(error instanceof NodeApiError) || error.httpCode !== '400') {
				for (const index of batch) failed.set(index, error);
			}
		}
	}
	return await forEachItem(ctx, items, async (itemIndex) => {
		if (failed.has(itemIndex)) throw failed.get(itemIndex);
		const part = parsed.has(itemIndex) ? (parsed.get(itemIndex) as P) : args.parse(itemIndex);
		const answer = answered.has(itemIndex) ? (answered.get(itemIndex) as A) : await args.send([part], itemIndex);
		return args.shape(part, answer);
	});
}
