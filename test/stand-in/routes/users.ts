/** Users: GET /v2/users, GET /v2/users/{id}, POST /v2/users/extensive. */
import type express from 'express';
import type { Request, Response } from 'express';

import type { GongStandIn } from '../gong-stand-in';
import { EMPTY_USERS, HttpError, asRecord, bad, isBlank, queryString } from '../http';
import type { StandInUser } from '../types';

function userOut(user: StandInUser, includeAvatars: boolean): Record<string, unknown> {
	return includeAvatars ? { ...user, avatarUrl: `https://app.gong.io/avatars/${user.id}.jpg` } : { ...user };
}

function listUsers(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:users:read')) return;
	const includeAvatars = queryString(req.query.includeAvatars) === 'true';
	gong.paginate(req, res, {
		endpoint: 'GET /v2/users',
		filterKey: {},
		cursor: queryString(req.query.cursor),
		items: gong.users,
		listKey: 'users',
		emptyMessage: EMPTY_USERS,
		map: (user) => userOut(user, includeAvatars),
	});
}

function getUser(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:users:read')) return;
	const id = String(req.params.id);
	if (!/^\d{1,20}$/.test(id)) throw bad(`Invalid user ID '${id}': expected up to 20 digits`);
	const user = gong.users.find((u) => u.id === id);
	if (!user) throw new HttpError(404, [`User not found: ${id}`]);
	gong.send(req, res, 200, { user: { ...user } });
}

function usersExtensive(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:users:read')) return;
	const body = asRecord(req.body ?? {});
	if (!body) throw bad('The request body must be a JSON object');
	if (!isBlank(body.filter) && !asRecord(body.filter)) throw bad("'filter' must be an object");
	const filter = asRecord(body.filter) ?? {};
	const from = gong.parseDate(filter.createdFromDateTime, 'createdFromDateTime');
	const to = gong.parseDate(filter.createdToDateTime, 'createdToDateTime');
	const userIds = gong.parseIdList(filter.userIds, 'userIds');
	const users = gong.users.filter((user) => {
		const created = Date.parse(user.created);
		if (from !== undefined && created < from) return false;
		if (to !== undefined && created >= to) return false;
		return !userIds || userIds.has(user.id);
	});
	gong.paginate(req, res, {
		endpoint: 'POST /v2/users/extensive',
		filterKey: filter,
		cursor: body.cursor,
		items: users,
		listKey: 'users',
		emptyMessage: EMPTY_USERS,
		map: (user) => userOut(user, false),
	});
}

export function register(app: express.Express, gong: GongStandIn): void {
	app.get('/v2/users', (req, res) => listUsers(gong, req, res));
	app.get('/v2/users/:id', (req, res) => getUser(gong, req, res));
	app.post('/v2/users/extensive', (req, res) => usersExtensive(gong, req, res));
}
