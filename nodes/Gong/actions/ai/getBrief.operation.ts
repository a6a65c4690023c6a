import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/helpers/items';
import { parseRequiredText } from '../../../shared/helpers/validation';
import { allowAgentField, refuseAgentUnlessAllowed } from '../../../shared/helpers/tool';
import { getEntityBrief } from '../../../shared/transport/endpoints';
import { entityProperties, entityQuery } from './shared';

const properties: INodeProperties[] = [
	...entityProperties,
	{
		displayName: 'Brief',
		name: 'briefName',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The AI Briefer brief to generate, by its name in Gong (Agent Studio → AI Briefer)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a brief...',
				typeOptions: { searchListMethod: 'searchBriefs', searchable: true },
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. Account Overview' },
		],
	},
	allowAgentField('spend Gong AI credits'),
];

export const description = updateDisplayOptions({ show: { resource: ['ai'], operation: ['getBrief'] } }, properties);

/** One item per input item: the brief's sections and how many calls and emails Gong read. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	refuseAgentUnlessAllowed(this, items, 'Getting a Gong AI brief (it spends AI credits)');
	return await forEachItem(this, items, async (itemIndex) => {
		const query = entityQuery(this, itemIndex);
		const briefName = parseRequiredText(
			this,
			this.getNodeParameter('briefName', itemIndex, '', { extractValue: true }),
			itemIndex,
			'Brief',
			'Pick a brief from the list, or type its name as it appears in Gong.',
		);
		const brief = await getEntityBrief.call(this, { ...query, briefName, itemIndex });
		return [{ ...query, briefName, ...brief } as IDataObject];
	});
}
