import type { GongFunctions } from '../index';
import { gongApiCollect } from '../index';
import { anyRecord } from '../records';
import { compact, type GongItem } from './common';

/** Audit logs: GET /v2/logs [api:logs:read], query cursor. */

export type GongLogEntry = GongItem<'listLogs', 'logEntries'>;

export const LOG_TYPES = [
	'AccessLog',
	'UserActivityLog',
	'UserCallPlay',
	'ExternallySharedCallAccess',
	'ExternallySharedCallPlay',
] as const;
export type LogType = (typeof LOG_TYPES)[number];

/** Log entries of one type in a window; Gong's "No logs found" 404 is an empty result. */
export async function getAuditLogs(
	this: GongFunctions,
	args: { logType: LogType; fromDateTime: string; toDateTime?: string; limit?: number; itemIndex?: number },
): Promise<GongLogEntry[]> {
	return (await gongApiCollect.call(
		this,
		{
			method: 'GET',
			endpoint: '/v2/logs',
			qs: compact({ logType: args.logType, fromDateTime: args.fromDateTime, toDateTime: args.toDateTime }),
			itemIndex: args.itemIndex,
			empty: /^No logs found/i,
		},
		'logEntries',
		args.limit,
		anyRecord,
	)) as GongLogEntry[];
}
