import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { gongMessage } from '../errors';
import type { GongFunctions, GongRequest } from '../index';
import { GONG_PAGE_SIZE } from '../index';

export type { GongItem, GongOk } from '../types';

/** A filter without the fields the user left empty: Gong reads an empty value as a filter too. */
export function compact<T extends IDataObject>(filter: T): T {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(filter)) {
		if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
		out[key] = value;
	}
	return out as T;
}

export function chunks<T>(values: T[], size = GONG_PAGE_SIZE): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
	return out;
}

/**
 * A `recover` for Gong's answer that a write was done already (a repeated event's 409, a deleted
 * meeting's 404): `status` with Gong's own words matching `said` — a gateway's answer with the same
 * status proves nothing. The answer used instead carries `alreadyDone: true`.
 */
export function alreadyDoneWhen(status: number, said: RegExp): NonNullable<GongRequest['recover']> {
	return (failure) =>
		failure.status === status && said.test(gongMessage(failure.body) ?? '')
			? { requestId: failure.body.requestId, alreadyDone: true }
			: undefined;
}

export function gongNotFound(ctx: GongFunctions, what: string, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${what} was not found in Gong`, {
		itemIndex,
		description: 'Check the ID: Gong answered that nothing matched it.',
	});
}
