import type { IDataObject } from 'n8n-workflow';

import type { operations } from './gong-api';

/** What Gong answers (200, JSON) to an operation of its OpenAPI document, by operationId. */
export type GongOk<Op extends keyof operations> = operations[Op]['responses'] extends {
	200: { content: { 'application/json': infer Body } };
}
	? Body
	: never;

/** One record of a list that operation answers with, exactly as the document types it. */
export type GongRecord<Op extends keyof operations, Key extends keyof NonNullable<GongOk<Op>>> =
	NonNullable<NonNullable<GongOk<Op>>[Key]> extends Array<infer Item> ? Item : never;

/** That record open to the fields Gong adds without notice, as the nodes output it. */
export type GongItem<Op extends keyof operations, Key extends keyof NonNullable<GongOk<Op>>> = GongRecord<Op, Key> &
	IDataObject;

/** The JSON body an operation of Gong's OpenAPI document takes, by operationId. */
export type GongBody<Op extends keyof operations> = operations[Op] extends {
	requestBody: { content: { 'application/json': infer Body } };
}
	? Body
	: operations[Op] extends { requestBody?: { content: { 'application/json': infer Body } } }
		? Body
		: never;
