import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forEachItem } from '../../../shared/helpers/items';
import { allowAgentField, refuseAgentUnlessAllowed } from '../../../shared/helpers/tool';
import { parseEmail, parsePhoneNumber } from '../../../shared/helpers/validation';
import { eraseDataFor } from '../../../shared/transport/endpoints';

export type EraseBy = 'emailAddress' | 'phoneNumber';

const LABEL: Record<EraseBy, string> = { emailAddress: 'Email Address', phoneNumber: 'Phone Number' };

/** The fields of an erase: the person, typing it again to confirm, and the AI-agent switch. */
export function eraseFields(by: EraseBy): INodeProperties[] {
	return [
		{
			displayName: `This permanently deletes every call, email and CRM record in Gong that refers to this ${LABEL[by].toLowerCase()}. It cannot be undone.`,
			name: 'irreversibleNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: LABEL[by],
			name: by,
			type: 'string',
			required: true,
			default: '',
			placeholder: by === 'emailAddress' ? 'e.g. jane@acme.com' : 'e.g. +1 415 555 0100',
			description: 'The person whose data Gong erases',
		},
		{
			displayName: `Confirm ${LABEL[by]}`,
			name: 'confirmation',
			type: 'string',
			required: true,
			default: '',
			description: `The same ${LABEL[by].toLowerCase()} again, to confirm that this erasure is meant: nothing is sent unless both match`,
		},
		allowAgentField('erase data'),
	];
}

/**
 * Erases each item's person. Both values must match before anything is sent, and as an AI tool the
 * node refuses unless the workflow's author switched that on: an agent must not erase on its own.
 */
export async function erase(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	by: EraseBy,
): Promise<INodeExecutionData[]> {
	refuseAgentUnlessAllowed(ctx, items, 'Erasing data', 'Nothing was erased.');
	return await forEachItem(ctx, items, async (itemIndex) => {
		const parse = (raw: unknown, field: string) =>
			by === 'emailAddress'
				? parseEmail(ctx, raw, itemIndex, field).toLowerCase()
				: parsePhoneNumber(ctx, raw, itemIndex, field);
		const value = parse(ctx.getNodeParameter(by, itemIndex), LABEL[by]);
		const confirmed = parse(ctx.getNodeParameter('confirmation', itemIndex), `Confirm ${LABEL[by]}`);
		if (value !== confirmed) {
			throw new NodeOperationError(ctx.getNode(), `"Confirm ${LABEL[by]}" does not match "${LABEL[by]}"`, {
				itemIndex,
				description: 'Nothing was erased. Give the same value in both fields to confirm the erasure.',
			});
		}
		const answer = await eraseDataFor.call(
			ctx,
			by === 'emailAddress' ? { emailAddress: value } : { phoneNumber: value },
			itemIndex,
		);
		const row: IDataObject = {
			[by]: value,
			erasureRequested: true,
			note: 'Gong erases the data asynchronously (it can take hours) and irreversibly.',
			requestId: answer.requestId,
		};
		return [row];
	});
}
