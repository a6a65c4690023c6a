import { DateTime } from 'luxon';
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { userName } from '../helpers/users';
import { locatorValue, textOf } from '../helpers/validation';
import {
	getBriefs,
	getCallsMetaData,
	getCrmIntegrations,
	getFlowsPage,
	getLibraryFolders,
	getPermissionProfiles,
	getScorecards,
	getUsersPage,
	getWorkspaces,
} from '../transport/endpoints';

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
			.map((workspace) => ({ name: workspace.name ?? workspace.id, value: workspace.id })),
	};
}

/** A parameter of the node being edited, as text (a resource locator's value, or plain text). */
function currentText(ctx: ILoadOptionsFunctions, name: string): string {
	return textOf(locatorValue(ctx.getCurrentNodeParameter(name)));
}

function needs(ctx: ILoadOptionsFunctions, field: string, why: string): never {
	throw new NodeOperationError(ctx.getNode(), `Set "${field}" first`, { description: why });
}

export async function searchScorecards(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const scorecards = await getScorecards.call(this);
	return {
		results: scorecards
			.filter((scorecard) => matches(filter, scorecard.scorecardName, scorecard.scorecardId))
			.map((scorecard) => ({
				name: `${scorecard.scorecardName ?? 'Unnamed scorecard'}${scorecard.enabled === false ? ' (disabled)' : ''}`,
				value: String(scorecard.scorecardId),
			})),
	};
}

/** Library folders as paths ("Onboarding / Discovery calls"), so nested folders can be told apart. */
export async function searchLibraryFolders(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const folders = await getLibraryFolders.call(this);
	const byId = new Map(folders.map((folder) => [String(folder.id), folder]));
	const pathOf = (id: string, depth = 0): string => {
		const folder = byId.get(id);
		if (!folder) return '';
		const parent = folder.parentFolderId ? String(folder.parentFolderId) : '';
		const prefix = parent && depth < 20 ? pathOf(parent, depth + 1) : '';
		return prefix ? `${prefix} / ${folder.name ?? id}` : (folder.name ?? id);
	};
	return {
		results: folders
			.map((folder) => ({ name: pathOf(String(folder.id)), value: String(folder.id) }))
			.filter((item) => matches(filter, item.name, item.value))
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
}

/** Engage flows the "Flow Owner Email" can see (company, personal and shared ones). */
export async function searchFlows(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const ownerEmail = currentText(this, 'flowOwnerEmail');
	if (!ownerEmail)
		needs(this, 'Flow Owner Email', "Gong lists the company's flows plus this user's own and shared ones.");
	const { flows, cursor } = await getFlowsPage.call(this, ownerEmail, paginationToken);
	return {
		results: flows
			.filter((flow) => matches(filter, flow.name, flow.id))
			.map((flow) => ({
				name: `${flow.name ?? flow.id}${flow.visibility ? ` (${flow.visibility})` : ''}`,
				value: String(flow.id),
			})),
		paginationToken: cursor,
	};
}

/** AI Briefer briefs, by name (Get Brief asks Gong for a brief by its name). */
export async function searchBriefs(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const workspaceId = currentText(this, 'workspaceId');
	const briefs = await getBriefs.call(this, { workspaceId: workspaceId || undefined });
	return {
		results: briefs
			.filter((brief) => matches(filter, brief.briefName, brief.description))
			.map((brief) => ({
				name: `${brief.briefName ?? brief.briefId}${brief.status && brief.status !== 'Published' ? ` (${brief.status})` : ''}`,
				value: brief.briefName ?? '',
			}))
			.filter((item) => item.value !== ''),
	};
}

export async function searchPermissionProfiles(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const workspaceId = currentText(this, 'workspaceId');
	if (!workspaceId) needs(this, 'Workspace', 'Gong lists permission profiles per workspace.');
	const profiles = await getPermissionProfiles.call(this, { workspaceId });
	return {
		results: profiles
			.filter((profile) => matches(filter, profile.name, profile.id))
			.map((profile) => ({ name: profile.name ?? String(profile.id), value: String(profile.id) })),
	};
}

/** The company's generic CRM integration (Gong allows one). */
export async function searchCrmIntegrations(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const integrations = await getCrmIntegrations.call(this);
	return {
		results: integrations
			.filter((integration) =>
				matches(filter, integration.name, integration.ownerEmail, String(integration.integrationId)),
			)
			.map((integration) => ({
				name: `${integration.name ?? 'CRM integration'}${integration.ownerEmail ? ` (${integration.ownerEmail})` : ''}`,
				value: String(integration.integrationId),
			})),
	};
}
