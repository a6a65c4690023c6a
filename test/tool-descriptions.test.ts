import type {
	INode,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	INodeParameters,
} from 'n8n-workflow';
import { deepCopy, NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';
import { beforeAll, describe, expect, it } from 'vitest';

import { toolDescriptions } from '../nodes/Gong/actions/toolDescriptions';
import { loadPackage } from './support/n8n-harness';

/**
 * Each operation's tool description, checked with n8n's own code: the `gongTool` node type built
 * from the loaded package as n8n builds it, its parameters resolved by n8n-workflow's `Workflow`
 * (which fills in defaults with the tool type's description, so `@tool` holds) and the description
 * read by `NodeHelpers.getToolDescriptionForNode`, which n8n-core's createNodeAsTool calls.
 */

/**
 * n8n's convertNodeToAiTool (n8n 2.41.1 `n8n/dist/tool-generation/ai-tools.js`; 1.x alike). It lives
 * in the `n8n` package, not installed here, so its steps that matter are copied: the "Tool" suffix,
 * and n8n's own Tool Description choice and text field, added only when the node declares no
 * `toolDescription` property.
 */
function convertNodeToAiTool(source: INodeTypeDescription): INodeTypeDescription {
	const description = deepCopy(source);
	description.name += 'Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	description.displayName += ' Tool';
	delete description.usableAsTool;
	if (!description.properties.map((property) => property.name).includes('toolDescription')) {
		const hasResourceOrOperation = description.properties.some(
			(property) => property.name === 'resource' || property.name === 'operation',
		);
		description.properties.push(
			...(hasResourceOrOperation
				? [
						{
							displayName: 'Tool Description',
							name: 'descriptionType',
							type: 'options',
							options: [
								{ name: 'Set Automatically', value: 'auto' },
								{ name: 'Set Manually', value: 'manual' },
							],
							default: 'auto',
						} as INodeProperties,
					]
				: []),
			{
				displayName: 'Description',
				name: 'toolDescription',
				type: 'string',
				default: description.description,
				required: true,
				...(hasResourceOrOperation ? { displayOptions: { show: { descriptionType: ['manual'] } } } : {}),
			},
		);
	}
	return description;
}

interface Operation {
	resource: string;
	operation: string;
	action: string;
}

let gong: INodeType;
let node: INodeTypeDescription;
let tool: INodeTypeDescription;
let nodeTypes: INodeTypes;
/** Every resource/operation the node offers, read from its own description. */
let operations: Operation[];

beforeAll(async () => {
	const loader = await loadPackage();
	gong = loader.getNode('gong').type as INodeType;
	node = gong.description;
	tool = convertNodeToAiTool(node);
	const toolType: INodeType = { description: tool, execute: gong.execute };
	nodeTypes = {
		getByName: (type) => (type === 'n8n-nodes-gong.gongTool' ? toolType : gong),
		getByNameAndVersion: (type) => (type === 'n8n-nodes-gong.gongTool' ? toolType : gong),
		getKnownTypes: () => ({}),
	};
	operations = node.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as INodePropertyOptions[]).map((option) => ({
				resource: String(property.displayOptions?.show?.resource?.[0]),
				operation: String(option.value),
				action: String(option.action),
			})),
		);
});

/** The node as n8n has it at run time: the workflow's parameters with defaults filled in by `Workflow`. */
function resolvedNode(type: 'gong' | 'gongTool', parameters: INodeParameters): INode {
	const workflow = new Workflow({
		id: 'tool-descriptions',
		nodes: [
			{
				id: '1',
				name: 'Gong',
				type: `n8n-nodes-gong.${type}`,
				typeVersion: 1,
				position: [0, 0],
				parameters,
			},
		],
		connections: {},
		active: false,
		nodeTypes,
	});
	return workflow.getNode('Gong') as INode;
}

const textOf = (op: Operation): string =>
	(toolDescriptions as Record<string, Record<string, string>>)[op.resource]?.[op.operation];

/** The properties of one operation (their displayOptions name it), collection options included. */
function propertiesOf(op: Operation): INodeProperties[] {
	const own = node.properties.filter(
		(property) =>
			property.name !== 'toolDescription' &&
			property.displayOptions?.show?.resource?.includes(op.resource) &&
			property.displayOptions?.show?.operation?.includes(op.operation),
	);
	return own.flatMap((property) =>
		property.type === 'collection' ? [property, ...((property.options ?? []) as INodeProperties[])] : [property],
	);
}

describe('Tool descriptions', () => {
	it('every operation of the node has one (56 across 18 resources), and none is left over', () => {
		expect(operations).toHaveLength(56);
		expect(new Set(operations.map((op) => op.resource)).size).toBe(18);
		for (const op of operations) expect(textOf(op), `${op.resource} → ${op.operation}`).toBeTruthy();
		const described = Object.entries(toolDescriptions).flatMap(([resource, ops]) =>
			Object.keys(ops).map((operation) => `${resource}.${operation}`),
		);
		expect(described.sort()).toEqual(operations.map((op) => `${op.resource}.${op.operation}`).sort());
	});

	it('the node declares its own toolDescription, so n8n adds neither its Tool Description choice nor its field', () => {
		expect(tool.name).toBe('n8n-nodes-gong.gongTool'.split('.')[1]);
		expect(tool.properties.filter((property) => property.name === 'descriptionType')).toEqual([]);
		const own = tool.properties.filter((property) => property.name === 'toolDescription');
		expect(own).toHaveLength(56);
		for (const property of own) {
			expect(property).toMatchObject({ displayName: 'Tool Description', type: 'string', typeOptions: { rows: 3 } });
			expect(property.displayOptions?.show?.['@tool']).toEqual([true]);
			expect(String(property.description)).toMatch(/agent/);
		}
		// After every other property: what the operation needs comes first in the panel.
		const first = tool.properties.findIndex((property) => property.name === 'toolDescription');
		expect(tool.properties.slice(first).every((property) => property.name === 'toolDescription')).toBe(true);
	});

	describe('as a tool, n8n fills in the operation’s description and hands it to the agent', () => {
		it.each([0, 1])('(checked for every operation, pass %i: resolved, then as saved by the editor)', (pass) => {
			for (const op of operations) {
				const label = `${op.resource} → ${op.operation}`;
				let parameters: INodeParameters = { resource: op.resource, operation: op.operation };
				if (pass === 1) {
					// The editor saves only values that differ from the default: the text is not in the
					// workflow JSON, and n8n finds it again from the default when it runs.
					const saved = NodeHelpers.getNodeParameters(tool.properties, parameters, false, false, null, tool);
					expect(saved?.toolDescription, label).toBeUndefined();
					parameters = saved ?? {};
				}
				const resolved = resolvedNode('gongTool', parameters);
				expect(resolved.parameters.toolDescription, label).toBe(textOf(op));
				expect(resolved.parameters.descriptionType, label).toBeUndefined();
				const description = NodeHelpers.getToolDescriptionForNode(resolved, { description: tool } as INodeType);
				expect(description, label).toBe(textOf(op));
				// Not n8n's default, "<action> in Gong".
				expect(description, label).not.toBe(`${op.action} in Gong`);
			}
		});

		it('a description the workflow author wrote is what the agent gets', () => {
			const resolved = resolvedNode('gongTool', {
				resource: 'call',
				operation: 'getAll',
				toolDescription: 'Only calls of the Acme deal',
			});
			expect(NodeHelpers.getToolDescriptionForNode(resolved, { description: tool } as INodeType)).toBe(
				'Only calls of the Acme deal',
			);
		});
	});

	it('on the regular node (not a tool) the property is neither shown nor resolved', () => {
		for (const op of operations) {
			const resolved = resolvedNode('gong', { resource: op.resource, operation: op.operation });
			expect(resolved.parameters.operation).toBe(op.operation);
			expect(resolved.parameters, `${op.resource} → ${op.operation}`).not.toHaveProperty('toolDescription');
		}
		// The resource and operation defaults of the tool node resolve to Call → Get Many's text too.
		expect(resolvedNode('gongTool', {}).parameters.toolDescription).toBe(toolDescriptions.call.getAll);
	});

	describe('what each says', () => {
		const WRITES = [
			'call.create',
			'call.grantAccess',
			'call.removeAccess',
			'call.uploadMedia',
			'crm.deleteIntegration',
			'crm.registerIntegration',
			'crm.uploadEntities',
			'crm.uploadSchema',
			'dataPrivacy.eraseForEmail',
			'dataPrivacy.eraseForPhone',
			'digitalInteraction.create',
			'engageFlow.assignProspects',
			'engageFlow.bulkAssign',
			'engageFlow.unassign',
			'meeting.create',
			'meeting.delete',
			'meeting.update',
			'permissionProfile.create',
			'permissionProfile.update',
			'task.update',
		];
		const IRREVERSIBLE = ['crm.deleteIntegration', 'dataPrivacy.eraseForEmail', 'dataPrivacy.eraseForPhone'];

		it('at most 300 characters, one paragraph', () => {
			for (const op of operations) {
				const text = textOf(op);
				expect(text.length, `${op.resource} → ${op.operation}`).toBeLessThanOrEqual(300);
				expect(text).not.toMatch(/\n|\s{2}/);
			}
		});

		it('writes say they change data in Gong; irreversible ones and credit-spending ones say so; reads do not', () => {
			for (const op of operations) {
				const key = `${op.resource}.${op.operation}`;
				const text = textOf(op);
				if (WRITES.includes(key)) expect(text, key).toContain('Changes data in Gong.');
				else expect(text, key).not.toContain('Changes data');
				if (IRREVERSIBLE.includes(key)) expect(text, key).toContain('Irreversible');
				expect(text.includes('Spends Gong AI credits'), key).toBe(op.resource === 'ai');
			}
		});

		it('an operation that refuses an agent unless the author allowed it says so', () => {
			let guarded = 0;
			for (const op of operations) {
				const text = textOf(op);
				const label = `${op.resource} → ${op.operation}`;
				if (propertiesOf(op).some((property) => property.name === 'allowAsTool')) {
					guarded++;
					expect(text, label).toContain('An agent may run it only if the workflow author allowed it.');
				} else expect(text, label).not.toContain('workflow author allowed');
			}
			expect(guarded).toBeGreaterThanOrEqual(2);
		});

		it('a Call locator that takes a Gong URL: the description says a call URL is accepted', () => {
			let withUrl = 0;
			for (const op of operations) {
				const locator = propertiesOf(op).find(
					(property) => property.type === 'resourceLocator' && property.name === 'callId',
				);
				if (!locator?.modes?.some((mode) => mode.name === 'url')) continue;
				withUrl++;
				expect(textOf(op), `${op.resource} → ${op.operation}`).toContain(
					'Call ID: digits as a string, or a Gong call URL.',
				);
			}
			expect(withUrl).toBe(6);
		});

		it('an operation with a date field says how to write dates', () => {
			let dated = 0;
			for (const op of operations) {
				if (!propertiesOf(op).some((property) => property.type === 'dateTime')) continue;
				dated++;
				expect(textOf(op), `${op.resource} → ${op.operation}`).toMatch(
					/ISO 8601 with time zone, e\.g\. 2026-03-01T00:00:00Z|YYYY-MM-DD in the Gong company time zone/,
				);
			}
			expect(dated).toBeGreaterThanOrEqual(14);
		});
	});
});
