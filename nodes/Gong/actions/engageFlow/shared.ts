import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Gong lists company flows plus this user's personal and shared ones. */
export const flowOwnerEmail: INodeProperties = {
	displayName: 'Flow Owner Email',
	name: 'flowOwnerEmail',
	type: 'string',
	placeholder: 'e.g. jane@acme.com',
	default: '',
	required: true,
	description: "A Gong user's email: Gong returns the company's flows plus this user's personal and shared flows",
};

/** The flow picker reads `flowOwnerEmail`, so the instance owner of a write uses that name too. */
export const instanceOwnerEmail: INodeProperties = {
	...flowOwnerEmail,
	displayName: 'Flow Instance Owner Email',
	description:
		"The Gong user who runs the prospects' flow (whose emails and calls the steps become). Also fills the flow list with the company's flows and this user's own and shared ones.",
};

export const flowField: INodeProperties = {
	displayName: 'Flow',
	name: 'flowId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Engage flow: pick one (after setting Flow Instance Owner Email) or paste its ID',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a flow...',
			typeOptions: { searchListMethod: 'searchFlows', searchable: true },
		},
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 6843152912968920037' },
	],
};

export const prospectFailure: INodeProperties = {
	displayName: 'When a Prospect Is Not Assigned',
	name: 'onProspectFailure',
	type: 'options',
	default: 'error',
	description:
		'Gong assigns prospects one by one and reports those it could not assign (already in the flow, unknown CRM ID...)',
	options: [
		{
			name: 'Fail the Item',
			value: 'error',
			description: 'The item fails with the reasons (with Continue On Fail: an error item)',
		},
		{
			name: 'Output It With the Reason',
			value: 'output',
			description: 'One output item per prospect, `assigned: false` with Gong’s error code and message',
		},
	],
};

/** Prospect outcomes of one item: its output, or (when it is to fail) the error naming those not assigned. */
export function prospectOutcome(
	ctx: IExecuteFunctions,
	itemIndex: number,
	rows: IDataObject[],
	flowId: string,
): IDataObject[] {
	const failed = rows.filter((row) => row.assigned === false);
	if (!failed.length || ctx.getNodeParameter('onProspectFailure', itemIndex, 'error') === 'output') return rows;
	const reasons = failed
		.slice(0, 5)
		.map(
			(row) =>
				`${String(row.crmProspectId ?? row.email ?? '?')} (${String(row.errorCode ?? 'error')}: ${String(row.errorMessage ?? 'no reason given')})`,
		)
		.join('; ');
	throw new NodeOperationError(
		ctx.getNode(),
		`${failed.length} of ${rows.length} prospects were not assigned to flow ${flowId}: ${reasons}${failed.length > 5 ? '…' : ''}`,
		{
			itemIndex,
			description:
				rows.length > failed.length
					? `The other ${rows.length - failed.length} were assigned. Set "When a Prospect Is Not Assigned" to output them with the reason instead.`
					: 'Set "When a Prospect Is Not Assigned" to output them with the reason instead of failing.',
		},
	);
}
