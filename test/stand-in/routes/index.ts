import type express from 'express';

import type { GongStandIn } from '../gong-stand-in';
import * as calls from './calls';
import * as users from './users';
import * as workspaces from './workspaces';

/** Every resource's routes, registered on both hosts after the rate limit, faults and auth. */
export const ROUTES: Array<(app: express.Express, gong: GongStandIn) => void> = [
	calls.register,
	users.register,
	workspaces.register,
];
