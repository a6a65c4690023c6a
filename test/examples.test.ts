import type { INodeType, IWorkflowBase } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import example from '../examples/call-processed-summary.workflow.json';
import { GongStandIn } from './stand-in/gong-stand-in';
import { accessKeyCredentials } from './support/gong-run';
import { loadPackage, pollContext } from './support/n8n-harness';

/** The README's importable workflow: its Gong Trigger, as written, yields what the next nodes read. */
let gong: GongStandIn;

beforeAll(async () => {
	gong = await GongStandIn.start({ calls: 0, users: 5 });
});
afterAll(async () => await gong.stop());

describe('Example: call processed → transcript → summary', () => {
	it('the Gong Trigger emits the title, participants and plain-text transcript the summary prompt uses', async () => {
		const call = gong.addCall({ metaData: { started: new Date(Date.now() - 60_000).toISOString(), scope: 'External' } });
		const workflow = example as unknown as IWorkflowBase;
		const triggerOnly = { nodes: workflow.nodes.filter((node) => node.name === 'Gong Trigger'), connections: {} };
		const trigger = (await loadPackage()).getNode('gongTrigger').type as INodeType;
		const ctx = await pollContext(triggerOnly, 'Gong Trigger', accessKeyCredentials(gong), {
			mode: 'manual',
			staticData: {},
		});
		const result = await trigger.poll!.call(ctx);
		const json = result![0][0].json as {
			metaData: { id: string; title: string; url: string };
			parties: Array<{ name: string; affiliation: string }>;
			transcript: { transcript: string };
			content: { brief: string; pointsOfInterest: unknown };
		};
		expect(json.metaData.id).toBe(call.metaData.id);
		expect(json.metaData.url).toBe(call.metaData.url);
		expect(json.parties.map((party) => party.name)).toEqual(call.parties.map((party) => party.name));
		expect(json.transcript.transcript.split('\n').length).toBeGreaterThan(1);
		expect(json.content.brief).toBe(call.content.brief);
		expect(json.content.pointsOfInterest).toEqual(call.content.pointsOfInterest);
	});
});
