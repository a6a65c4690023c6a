/** Workspaces: GET /v2/workspaces. */
import type express from 'express';
import type { Request, Response } from 'express';

import type { GongStandIn } from '../gong-stand-in';

function listWorkspaces(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:workspaces:read')) return;
	gong.send(req, res, 200, {
		workspaces: gong.workspaces.map((w) => ({ id: w.id, name: w.name, description: w.description })),
	});
}

export function register(app: express.Express, gong: GongStandIn): void {
	app.get('/v2/workspaces', (req, res) => listWorkspaces(gong, req, res));
}
