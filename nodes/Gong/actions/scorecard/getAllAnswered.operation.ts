import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { limit, returnAll, filtersCollection } from '../../../shared/descriptions';
import { forEachItem } from '../../../shared/helpers/items';
import { parseIdList, parseLimit, parsePlainDate } from '../../../shared/helpers/validation';
import {
	getAnsweredScorecards,
	type AnsweredScorecardFilter,
	type GongAnsweredScorecard,
} from '../../../shared/transport/endpoints';

const dateHint = 'a date in your Gong company time zone (the time of day is ignored)';

const properties: INodeProperties[] = [
	{
		displayName: 'Filter By',
		name: 'dateType',
		type: 'options',
		options: [
			{ name: 'Call Date', value: 'call', description: 'When the scored calls took place' },
			{ name: 'Review Date', value: 'review', description: 'When the scorecards were filled in' },
		],
		default: 'call',
	},
	{
		displayName: 'From Date',
		name: 'fromDate',
		type: 'dateTime',
		default: '',
		description: `First day (inclusive), ${dateHint}. Empty: no lower bound.`,
	},
	{
		displayName: 'To Date',
		name: 'toDate',
		type: 'dateTime',
		default: '',
		description: `Day after the last day (exclusive), ${dateHint}. Empty: up to now.`,
	},
	{
		displayName: 'Review Method',
		name: 'reviewMethod',
		type: 'options',
		options: [
			{ name: 'Manual Only (Gong’s Default)', value: 'MANUAL', description: 'Scorecards people filled in' },
			{ name: 'AI Only', value: 'AUTOMATIC', description: 'Scorecards Gong’s AI filled in' },
			{ name: 'Both', value: 'BOTH' },
		],
		default: 'MANUAL',
		description: 'Gong returns only manually filled scorecards unless asked otherwise',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'One Item per Scorecard',
				value: 'scorecard',
				description: 'Each answered scorecard with its answers nested',
			},
			{
				name: 'One Item per Answer',
				value: 'answer',
				description: 'Each answer with its scorecard’s fields beside it: a spreadsheet row per answer',
			},
		],
		default: 'scorecard',
	},
	returnAll,
	{ ...limit, description: 'Max number of answered scorecards to return' },
	filtersCollection([
		{
			displayName: 'Reviewed User Names or IDs',
			name: 'reviewedUserIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getUsers' },
			default: [],
			description:
				'Only scorecards about these users. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Scorecard Names or IDs',
			name: 'scorecardIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getScorecards' },
			default: [],
			description:
				'Only answers to these scorecards. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['scorecard'], operation: ['getAllAnswered'] } },
	properties,
);

/** One row per answer: the answered scorecard's own fields, then the answer's. */
function perAnswer(scorecard: GongAnsweredScorecard): IDataObject[] {
	const { answers, ...fields } = scorecard;
	return (answers ?? []).map((answer) => ({ ...fields, ...answer }) as IDataObject);
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const max = parseLimit(this, itemIndex);
		const byReview = this.getNodeParameter('dateType', itemIndex, 'call') === 'review';
		const from = parsePlainDate(this, this.getNodeParameter('fromDate', itemIndex, ''), itemIndex, 'From Date');
		const to = parsePlainDate(this, this.getNodeParameter('toDate', itemIndex, ''), itemIndex, 'To Date');
		if (from && to && from >= to) {
			throw new NodeOperationError(this.getNode(), `"From Date" (${from}) is not before "To Date" (${to})`, {
				itemIndex,
				description: '"To Date" is exclusive: for one day, set it to the day after "From Date".',
			});
		}
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const filter: AnsweredScorecardFilter = {
			[byReview ? 'reviewFromDate' : 'callFromDate']: from,
			[byReview ? 'reviewToDate' : 'callToDate']: to,
			reviewMethod: this.getNodeParameter(
				'reviewMethod',
				itemIndex,
				'MANUAL',
			) as AnsweredScorecardFilter['reviewMethod'],
			reviewedUserIds: parseIdList(this, filters.reviewedUserIds, itemIndex, 'Reviewed Users'),
			scorecardIds: parseIdList(this, filters.scorecardIds, itemIndex, 'Scorecards'),
		};
		const answered = await getAnsweredScorecards.call(this, { filter, limit: max, itemIndex });
		return this.getNodeParameter('output', itemIndex, 'scorecard') === 'answer'
			? answered.flatMap(perAnswer)
			: (answered as IDataObject[]);
	});
}
