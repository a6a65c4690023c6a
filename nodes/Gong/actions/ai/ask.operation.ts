import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/helpers/items';
import { parseRequiredText } from '../../../shared/helpers/validation';
import { allowAgentField, refuseAgentUnlessAllowed } from '../../../shared/helpers/tool';
import { askAboutEntity } from '../../../shared/transport/endpoints';
import { entityProperties, entityQuery } from './shared';

const properties: INodeProperties[] = [
	...entityProperties,
	{
		displayName: 'Question',
		name: 'question',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'e.g. What did they say about pricing?',
		description: 'Gong answers from up to 60 calls and 500 emails of the entity in the time period',
	},
	allowAgentField('spend Gong AI credits'),
];

export const description = updateDisplayOptions({ show: { resource: ['ai'], operation: ['ask'] } }, properties);

/** One item per question: Gong's answer with the call and email findings behind it. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	refuseAgentUnlessAllowed(this, items, 'Asking Gong AI (it spends AI credits)');
	return await forEachItem(this, items, async (itemIndex) => {
		const query = entityQuery(this, itemIndex);
		const question = parseRequiredText(
			this,
			this.getNodeParameter('question', itemIndex),
			itemIndex,
			'Question',
			'Ask a question about the account, deal, contact or lead.',
		);
		const answer = await askAboutEntity.call(this, { ...query, question, itemIndex });
		return [{ ...query, question, ...answer } as IDataObject];
	});
}
