import type { GongWorkspace } from '../../helpers/interfaces';
import type { GongFunctions } from '../index';
import { gongApiRequest } from '../index';
import { withId } from '../records';

/** GET /v2/workspaces. */
export async function getWorkspaces(this: GongFunctions, itemIndex?: number): Promise<GongWorkspace[]> {
	const response = await gongApiRequest.call(this, {
		method: 'GET',
		endpoint: '/v2/workspaces',
		itemIndex,
		expect: { list: 'workspaces', record: withId },
	});
	return (response?.workspaces ?? []) as GongWorkspace[];
}
