import express from 'express';
import { it, expect } from 'vitest';
import { runWorkflow } from './support/n8n-harness';

it('smoke', async () => {
	const app = express();
	app.use(express.json());
	const seen: unknown[] = [];
	app.post('/v2/calls/extensive', (req, res) => {
		seen.push({ auth: req.headers.authorization, body: req.body });
		res.json({ requestId: 'r1', records: { totalRecords: 1, currentPageSize: 1, currentPageNumber: 0 }, calls: [{ metaData: { id: '123', title: 'Hi' }, parties: [] }] });
	});
	const server = app.listen(0, '127.0.0.1');
	await new Promise((r) => server.once('listening', r));
	const port = (server.address() as { port: number }).port;
	const wf = {
		nodes: [
			{ id: 'a', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} },
			{ id: 'b', name: 'Gong', type: 'n8n-nodes-gong.gong', typeVersion: 1, position: [200, 0] as [number, number], parameters: { resource: 'call', operation: 'getAll', returnAll: true, filters: { fromDateTime: '={{ $json.from }}' } }, credentials: { gongAccessKeyApi: { id: '1', name: 'Gong' } } },
		],
		connections: { Start: { main: [[{ node: 'Gong', type: 'main', index: 0 }]] } },
	};
	const result = await runWorkflow(wf as never, { gongAccessKeyApi: { baseUrl: `http://127.0.0.1:${port}`, accessKey: 'k', accessKeySecret: 's' } }, { input: [{ from: '2026-02-02T00:00:00Z' }] });
	console.log(result.errorMessage, JSON.stringify(result.output('Gong')), JSON.stringify(seen));
	server.close();
	expect(result.output('Gong').length).toBe(1);
});
