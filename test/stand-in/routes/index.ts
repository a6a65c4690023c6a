import type express from 'express';

import type { GongStandIn } from '../gong-stand-in';
import * as ai from './ai';
import * as callExtras from './call-extras';
import * as callWrites from './call-writes';
import * as calls from './calls';
import * as coaching from './coaching';
import * as crm from './crm';
import * as digitalInteractions from './digital-interactions';
import * as flows from './flows';
import * as library from './library';
import * as logs from './logs';
import * as meetings from './meetings';
import * as permissions from './permissions';
import * as privacy from './privacy';
import * as settings from './settings';
import * as stats from './stats';
import * as tasks from './tasks';
import * as users from './users';
import * as workspaces from './workspaces';

/** Every resource's routes, registered on both hosts after the rate limit, faults and auth. */
export const ROUTES: Array<(app: express.Express, gong: GongStandIn) => void> = [
	calls.register,
	users.register,
	workspaces.register,
	settings.register,
	stats.register,
	library.register,
	coaching.register,
	callExtras.register,
	flows.register,
	tasks.register,
	permissions.register,
	logs.register,
	privacy.register,
	ai.register,
	crm.register,
	callWrites.register,
	meetings.register,
	digitalInteractions.register,
];
