import type { IDataObject } from 'n8n-workflow';

import { isRecord } from './guards';
import type { GongExtensiveCall } from './interfaces';

/**
 * A call in a few hundred characters instead of Gong's full object (often several kilobytes): what
 * a person or an AI agent needs to pick a call and talk about it.
 */
export function summarizeCall(call: GongExtensiveCall): IDataObject {
	const meta = call.metaData;
	const content: Record<string, unknown> = isRecord(call.content) ? call.content : {};
	// Gong's "points of interest" hold the call's next steps (action items); the OpenAPI document omits them.
	const points = isRecord(content.pointsOfInterest) ? content.pointsOfInterest : {};
	const actionItems: unknown[] = Array.isArray(points.actionItems) ? points.actionItems : [];
	return {
		id: meta.id,
		title: meta.title ?? null,
		started: meta.started ?? null,
		durationSeconds: meta.duration ?? null,
		url: meta.url ?? null,
		participants: (call.parties ?? []).map((party) => ({
			name: party.name ?? null,
			email: party.emailAddress ?? null,
			title: party.title ?? null,
			affiliation: party.affiliation ?? 'Unknown',
		})),
		brief: typeof content.brief === 'string' ? content.brief : null,
		nextSteps: actionItems
			.map((item) => (isRecord(item) && typeof item.snippet === 'string' ? item.snippet : undefined))
			.filter((text): text is string => Boolean(text)),
	};
}
