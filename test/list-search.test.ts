import type { ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GongStandIn } from './stand-in/gong-stand-in';
import { accessKeyCredentials, fixture, useAuthentication } from './support/gong-run';
import { loadOptionsContext, loadPackage } from './support/n8n-harness';

let gong: GongStandIn;
let methods: NonNullable<INodeType['methods']>;

beforeAll(async () => {
	// Calls up to now, so "recent calls" has something to show.
	const startDate = new Date(Date.now() - 40 * 86_400_000).toISOString();
	gong = await GongStandIn.start({ calls: 150, users: 130, workspaces: 3, startDate, callIntervalMinutes: 360 });
	methods = ((await loadPackage()).getNode('gong').type as INodeType).methods!;
});
afterAll(async () => await gong.stop());

async function context(): Promise<ILoadOptionsFunctions> {
	return await loadOptionsContext(
		useAuthentication(fixture('call/get-by-id'), 'accessKey'),
		'Gong',
		accessKeyCredentials(gong),
	);
}

async function search(name: string, filter?: string, token?: string): Promise<INodeListSearchResult> {
	return await methods.listSearch![name].call(await context(), filter, token);
}

describe('Searchable lists', () => {
	it('calls: newest first, a week at a time, filtered by title', async () => {
		const now = Date.now();
		const lastWeek = gong.calls.filter((call) => now - Date.parse(call.metaData.started) <= 7 * 86_400_000);
		const first = await search('searchCalls');
		expect(first.results.map((result) => result.value)).toEqual(
			[...lastWeek]
				.sort((a, b) => b.metaData.started.localeCompare(a.metaData.started))
				.map((call) => call.metaData.id),
		);
		expect(first.results[0].url).toBe(
			gong.calls.find((call) => call.metaData.id === first.results[0].value)!.metaData.url,
		);
		expect(first.paginationToken).toEqual(expect.any(String));
		const older = await search('searchCalls', undefined, first.paginationToken);
		expect(older.results.length).toBeGreaterThan(0);
		const title = lastWeek[0].metaData.title;
		const filtered = await search('searchCalls', title.slice(0, 8).toUpperCase());
		expect(
			filtered.results.every((result) => String(result.name).toLowerCase().includes(title.slice(0, 8).toLowerCase())),
		).toBe(true);
	});

	it('users: a page at a time with Gong’s cursor, filtered by name or email', async () => {
		const first = await search('searchUsers');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await search('searchUsers', undefined, first.paginationToken);
		expect(second.results).toHaveLength(30);
		expect(second.paginationToken).toBeUndefined();
		const user = gong.users[42];
		const found = await search('searchUsers', user.emailAddress);
		expect(found.results.map((result) => result.value)).toContain(user.id);
	});

	it('workspaces: by name', async () => {
		const all = await search('searchWorkspaces');
		expect(all.results.map((result) => result.value)).toEqual(gong.workspaces.map((workspace) => workspace.id));
		const one = await search('searchWorkspaces', gong.workspaces[1].name);
		expect(one.results.map((result) => result.value)).toContain(gong.workspaces[1].id);
	});

	it('organizer options list every user by name', async () => {
		const options: INodePropertyOptions[] = await methods.loadOptions!.getUsers.call(await context());
		expect(options).toHaveLength(130);
		expect(options.map((option) => option.name)).toEqual(
			[...options.map((option) => option.name)].sort((a, b) => a.localeCompare(b)),
		);
	});
});
