import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { getScorecards as fetchScorecards, getUsers as fetchUsers } from '../transport/endpoints';
import { userName } from '../helpers/users';

/** Every Gong user, by name, for the organizer filter. */
export async function getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const users = await fetchUsers.call(this, {});
	return users.map((user) => ({ name: userName(user), value: user.id })).sort((a, b) => a.name.localeCompare(b.name));
}

/** Every scorecard, by name, for the answered-scorecards filter. */
export async function getScorecards(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const scorecards = await fetchScorecards.call(this);
	return scorecards
		.map((scorecard) => ({
			name: scorecard.scorecardName ?? String(scorecard.scorecardId),
			value: String(scorecard.scorecardId),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
