import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { forEachItem, parseEachItem } from '../../../shared/helpers/items';
import { parseEmail, parseRequiredText } from '../../../shared/helpers/validation';
import { getMeetingIntegrationStatus, INTEGRATION_STATUS_BATCH } from '../../../shared/transport/endpoints';
import { chunks } from '../../../shared/transport/endpoints/common';

const properties: INodeProperties[] = [
	{
		displayName: 'Emails',
		name: 'emails',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. jane@acme.com, joe@acme.com',
		description:
			'Email addresses of the users who would organize meetings, separated by commas (or a list from an expression)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['meeting'], operation: ['getIntegrationStatus'] } },
	properties,
);

function emailsOf(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const raw = ctx.getNodeParameter('emails', itemIndex) as unknown;
	const parts = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[\s,;]+/))
		.map((part) => part.trim())
		.filter(Boolean);
	if (!parts.length) {
		parseRequiredText(ctx, '', itemIndex, 'Emails', 'Give at least one email address, such as jane@acme.com.');
	}
	const emails = parts.map((part) => parseEmail(ctx, part, itemIndex, 'Emails'));
	const seen = new Set<string>();
	return emails.filter((email) => !seen.has(email.toLowerCase()) && seen.add(email.toLowerCase()));
}

type Outcome = { ok: true; row: IDataObject } | { ok: false; error: unknown };

/**
 * One output item per email. The emails of all items go to Gong 100 per request; each email's
 * status goes back to the items that asked for it.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const wanted = parseEachItem(items, (itemIndex) => emailsOf(this, itemIndex));
	// Gong compares addresses without case: one request per address, whatever its spelling.
	const firstAsker = new Map<string, { email: string; itemIndex: number }>();
	for (const [itemIndex, emails] of wanted) {
		for (const email of emails) {
			if (!firstAsker.has(email.toLowerCase())) firstAsker.set(email.toLowerCase(), { email, itemIndex });
		}
	}
	const outcomes = new Map<string, Outcome>();
	for (const batch of chunks([...firstAsker.values()], INTEGRATION_STATUS_BATCH)) {
		const keys = batch.map((entry) => entry.email.toLowerCase());
		try {
			const statuses = await getMeetingIntegrationStatus.call(
				this,
				batch.map((entry) => entry.email),
				batch[0].itemIndex,
			);
			const byEmail = new Map(statuses.map((status) => [String(status.email).toLowerCase(), status]));
			for (const [index, key] of keys.entries()) {
				const status = byEmail.get(key);
				outcomes.set(
					key,
					status
						? { ok: true, row: { ...status } }
						: {
								ok: false,
								error: new NodeOperationError(
									this.getNode(),
									`Gong did not report the integration status of ${batch[index].email}`,
									{ description: 'Gong answered for the other addresses only; try this item again.' },
								),
							},
				);
			}
		} catch (error) {
			for (const key of keys) outcomes.set(key, { ok: false, error });
		}
	}
	return await forEachItem(this, items, async (itemIndex) => {
		const emails = wanted.get(itemIndex) ?? emailsOf(this, itemIndex);
		return emails.map((email) => {
			const outcome = outcomes.get(email.toLowerCase());
			if (!outcome?.ok) throw outcome?.error ?? new Error(`${email} was not sent`);
			return outcome.row;
		});
	});
}
