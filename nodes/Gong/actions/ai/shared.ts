import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requiredWorkspace } from '../../../shared/descriptions';
import { parseChoice, parseGongId, parseRequiredText, parseWindow } from '../../../shared/helpers/validation';
import { CRM_ENTITY_TYPES, type EntityQuery } from '../../../shared/transport/endpoints';

const TIME_PERIODS: Array<{ name: string; value: string }> = [
	{ name: 'All Conversations', value: 'ALL_CONVERSATIONS' },
	{ name: 'Custom Range', value: 'CUSTOM_RANGE' },
	{ name: 'Last 7 Days', value: 'LAST_7DAYS' },
	{ name: 'Last 30 Days', value: 'LAST_30DAYS' },
	{ name: 'Last 90 Days', value: 'LAST_90DAYS' },
	{ name: 'Last 90 Days Since Last Activity', value: 'LAST_90_DAYS_SINCE_LAST_ACTIVITY' },
	{ name: 'Last Year', value: 'LAST_YEAR' },
	{ name: 'Last Year Since Last Activity', value: 'LAST_YEAR_SINCE_LAST_ACTIVITY' },
	{ name: 'This Month', value: 'THIS_MONTH' },
	{ name: 'This Quarter', value: 'THIS_QUARTER' },
	{ name: 'This Week', value: 'THIS_WEEK' },
	{ name: 'This Year', value: 'THIS_YEAR' },
];

/** The CRM entity and period both AI operations ask about. */
export const entityProperties: INodeProperties[] = [
	requiredWorkspace('The Gong workspace the CRM entity belongs to'),
	{
		displayName: 'CRM Entity Type',
		name: 'crmEntityType',
		type: 'options',
		options: [
			{ name: 'Account', value: 'ACCOUNT' },
			{ name: 'Contact', value: 'CONTACT' },
			{ name: 'Deal', value: 'DEAL' },
			{ name: 'Lead', value: 'LEAD' },
		],
		default: 'ACCOUNT',
	},
	{
		displayName: 'CRM Entity ID',
		name: 'crmEntityId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 0013t00002ABCDeAAH',
		description: "The entity's ID in your CRM (Salesforce, HubSpot...)",
	},
	{
		displayName: 'Time Period',
		name: 'timePeriod',
		type: 'options',
		options: TIME_PERIODS,
		default: 'LAST_90DAYS',
		description: 'Which calls and emails Gong reads',
	},
	{
		displayName: 'From',
		name: 'fromDateTime',
		type: 'dateTime',
		default: '',
		description: 'Start of the custom range (required with Custom Range)',
		displayOptions: { show: { timePeriod: ['CUSTOM_RANGE'] } },
	},
	{
		displayName: 'To',
		name: 'toDateTime',
		type: 'dateTime',
		default: '',
		displayOptions: { show: { timePeriod: ['CUSTOM_RANGE'] } },
		description: 'Empty: up to now',
	},
];

export function entityQuery(ctx: IExecuteFunctions, itemIndex: number): EntityQuery {
	const crmEntityType = parseChoice(
		ctx,
		ctx.getNodeParameter('crmEntityType', itemIndex),
		itemIndex,
		'CRM Entity Type',
		CRM_ENTITY_TYPES,
	);
	const timePeriod = parseChoice(
		ctx,
		ctx.getNodeParameter('timePeriod', itemIndex),
		itemIndex,
		'Time Period',
		TIME_PERIODS.map((period) => period.value),
	);
	const query: EntityQuery = {
		workspaceId: parseGongId(ctx, ctx.getNodeParameter('workspaceId', itemIndex), itemIndex, 'Workspace'),
		crmEntityType,
		crmEntityId: parseRequiredText(
			ctx,
			ctx.getNodeParameter('crmEntityId', itemIndex),
			itemIndex,
			'CRM Entity ID',
			"Give the account's, deal's, contact's or lead's ID in your CRM.",
		),
		timePeriod,
	};
	if (timePeriod === 'CUSTOM_RANGE') {
		const window = parseWindow(
			ctx,
			ctx.getNodeParameter('fromDateTime', itemIndex, ''),
			ctx.getNodeParameter('toDateTime', itemIndex, ''),
			itemIndex,
			['From', 'To'],
			{ ends: 'from', hint: 'A custom range needs a start: set "From".' },
		);
		query.fromDateTime = window.from;
		query.toDateTime = window.to;
	}
	return query;
}
