import { DateTime } from 'luxon';
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { userName } from '../helpers/users';
import { getCallsMetaData, getUsersPage, getWorkspaces } from '../transport/endpoints';

/** Searchable lists for the resource locators. Everything goes through the node's transport. */

const CALL_WINDOW_DAYS = 7;
const CALL_LOOKBACK_DAYS = 91;
const CALL_PAGES_PER_WINDOW = 5;

function matches(filter: string | undefined, ...values: Array<string | undefined>): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((value) => value?.toLowerCase().includes(needle));
}

/**
 * Recent calls, newest first, a week at a time going back up to 91 days (the pagination token is
 * the end of the next week to show). Filters on title or ID.
 */
export async function searchCalls(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const now = DateTime.utc();
	const to = paginationToken ? DateTime.fromISO(paginationToken, { zone: 'utc' }) : now;
	const from = to.minus({ days: CALL_WINDOW_DAYS });
	const calls = await getCallsMetaData.call(this, {
		fromDateTime: from.toISO({ suppressMilliseconds: true })!,
		toDateTime: to.toISO({ suppressMilliseconds: true })!,
		limit: CALL_PAGES_PER_WINDOW * 100,
	});
	const results: INodeListSearchItems[] = calls
		.filter((call) => matches(filter, call.title, call.id))
		.sort((a, b) => (b.started ?? '').localeCompare(a.started ?? ''))
		.map((call) => ({
			name: `${call.title || 'Untitled call'}${call.started ? ` — ${call.started.slice(0, 16).replace('T', ' ')}` : ''}`,
			value: call.id,
			url: call.url,
		}));
	const older = now.diff(from, 'days').days < CALL_LOOKBACK_DAYS;
	return { results, paginationToken: older ? (from.toISO() ?? undefined) : undefined };
}

/** Users page by page (Gong's cursor is the pagination token), filtered on name or email. */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { users, cursor } = await getUsersPage.call(this, paginationToken);
	return {
		results: users
			.filter((user) => matches(filter, user.firstName, user.lastName, user.emailAddress, user.id))
			.map((user) => ({ name: userName(user), value: user.id })),
		paginationToken: cursor,
	};
}

export async function searchWorkspaces(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const workspaces = await getWorkspaces.call(this);
	return {
		results: workspaces
			.filter((workspace) => matches(filter, workspace.name, workspace.id))
			.map((workspace) => ({ name: workspace.name, value: workspace.id })),
	};
}
