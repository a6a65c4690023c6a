import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GongStandIn } from './stand-in/gong-stand-in';
import { runFixture, type Auth } from './support/gong-run';

let gong: GongStandIn;

beforeAll(async () => {
	gong = await GongStandIn.start({ calls: 5, users: 260 });
});
afterAll(async () => await gong.stop());

const apiRequests = () => gong.apiRequests({ without429: true });

describe.each<Auth>(['accessKey', 'oAuth2'])('User with %s', (auth) => {
	it('Get returns the user', async () => {
		const user = gong.users[5];
		const { items, errorMessage } = await runFixture(gong, 'user/get', [{ userId: user.id }], { auth });
		expect(errorMessage).toBeUndefined();
		expect(items).toEqual([user]);
	});

	it('Get Many returns every user', async () => {
		const { items, errorMessage } = await runFixture(gong, 'user/get-many', [{}], { auth });
		expect(errorMessage).toBeUndefined();
		expect(items).toHaveLength(260);
	});
});

describe('User', () => {
	it('Get Many with Return All pages through 260 users (3 requests)', async () => {
		gong.clearLog();
		const { items } = await runFixture(gong, 'user/get-many');
		expect(items.map((item) => item.id)).toEqual(gong.users.map((user) => user.id));
		expect(apiRequests().map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			'GET /v2/users',
			'GET /v2/users',
			'GET /v2/users',
		]);
	});

	it('Get Many filters by creation date and IDs through /v2/users/extensive, with a limit', async () => {
		const sorted = [...gong.users].sort((a, b) => a.created.localeCompare(b.created));
		const from = sorted[100].created;
		const ids = sorted.slice(90, 130).map((user) => user.id);
		const expected = sorted.slice(100, 130).map((user) => user.id);
		gong.clearLog();
		const { items } = await runFixture(gong, 'user/get-many-filtered', [{ from, userIds: ids.join(',') }]);
		expect(items).toHaveLength(5);
		for (const item of items) expect(expected).toContain(item.id);
		expect(apiRequests()[0]).toMatchObject({ method: 'POST', path: '/v2/users/extensive' });
	});

	it('Get of an unknown user is a clear not-found error', async () => {
		const { errorMessage } = await runFixture(gong, 'user/get', [{ userId: '123456789' }]);
		expect(errorMessage).toBe('User 123456789 was not found in Gong');
	});
});
