import type { IDataObject, NodeApiError } from 'n8n-workflow';

import type { GongResponse } from '../../helpers/interfaces';
import type { GongFunctions, GongRequest, HttpFailure, UploadFile } from '../index';
import { gongApiRequest } from '../index';
import { apiError, gongMessage } from '../errors';
import { identifiedBy } from '../records';
import type { GongBody, GongOk } from '../types';
import type { GongItem } from './common';

/**
 * The generic CRM integration. integrations [api:crm:integrations:read / :integration:register /
 * :integration:delete], entity-schema [api:crm:schema], entities upload and request-status
 * [api:crm:upload], entities read [api:crm:get-objects]. `integrationId` is an int64: it stays text
 * from the answer (transport/json.ts) to the query string.
 */

/** Object types with a schema, readable with GET /v2/crm/entities (case-sensitive). */
export const CRM_OBJECT_TYPES = ['ACCOUNT', 'CONTACT', 'DEAL', 'LEAD'] as const;
export type CrmObjectType = (typeof CRM_OBJECT_TYPES)[number];

/** Object types POST /v2/crm/entities takes. */
export const CRM_UPLOAD_OBJECT_TYPES = [...CRM_OBJECT_TYPES, 'BUSINESS_USER', 'STAGE'] as const;
export type CrmUploadObjectType = (typeof CRM_UPLOAD_OBJECT_TYPES)[number];

export type GongCrmIntegration = GongItem<'listGenericCrmIntegration', 'integrations'>;
export type CrmSchemaField = GongBody<'uploadCrmSchemaField'>[number];
export type CrmFieldType = CrmSchemaField['type'];
export type GongCrmRequestStatus = NonNullable<GongOk<'getRequestStatus'>> & IDataObject;

/** Gong's limit on one LDJSON file. */
export const MAX_CRM_FILE_BYTES = 200 * 1024 ** 2;

/** Gong's 409 text for a clientRequestId it has seen before. */
const REQUEST_ID_USED = /client request id has already been used/i;

/** An error Gong answered, with words of our own: Gong's own text, status and request id kept. */
function crmError(
	ctx: GongFunctions,
	failure: HttpFailure,
	details: { message: string; description: string; itemIndex?: number },
): NodeApiError {
	const requestId = failure.body.requestId;
	const said = gongMessage(failure.body);
	const description = [
		details.description,
		said ? `Gong said (${failure.status}): "${said}".` : '',
		requestId ? `Gong request ID: ${requestId}` : '',
	]
		.filter(Boolean)
		.join(' ');
	return apiError(ctx.getNode(), {
		message: details.message,
		description,
		status: failure.status,
		requestId,
		errors: failure.body.errors,
		itemIndex: details.itemIndex,
	});
}

/** GET /v2/crm/integrations: the company's generic CRM integration (Gong allows one). */
export async function getCrmIntegrations(this: GongFunctions, itemIndex?: number): Promise<GongCrmIntegration[]> {
	const answer = await gongApiRequest.call(this, {
		method: 'GET',
		endpoint: '/v2/crm/integrations',
		itemIndex,
		expect: { list: 'integrations', record: identifiedBy('integrationId') },
	});
	return (answer?.integrations ?? []) as GongCrmIntegration[];
}

export interface RegisteredIntegration extends IDataObject {
	integrationId: string;
	name: string;
	ownerEmail: string;
	/** The same integration (name and owner) was active already: nothing new was registered. */
	alreadyRegistered: boolean;
	requestId?: string;
}

const sameIntegration = (a: GongCrmIntegration, name: string, ownerEmail: string): boolean =>
	a.name === name && String(a.ownerEmail ?? '').toLowerCase() === ownerEmail.toLowerCase();

/**
 * PUT /v2/crm/integrations [api:crm:integration:register]. Gong allows one active integration (a
 * native Salesforce or HubSpot one included) and answers 409 to any other. Running it again with
 * the same name and owner finds that integration instead; after a lost answer the list of
 * integrations tells whether it was registered.
 */
export async function registerCrmIntegration(
	this: GongFunctions,
	registration: GongBody<'registerGenericCrmIntegration'>,
	itemIndex?: number,
): Promise<RegisteredIntegration> {
	const { name, ownerEmail } = registration;
	const find = async (): Promise<GongCrmIntegration[]> => await getCrmIntegrations.call(this, itemIndex);
	let already = false;
	const answer = await gongApiRequest.call(this, {
		method: 'PUT',
		endpoint: '/v2/crm/integrations',
		body: registration as unknown as IDataObject,
		itemIndex,
		expect: { id: 'integrationId' },
		notIdempotent: {
			check: 'the CRM integrations (CRM → Get Integrations)',
			verify: async () => {
				const found = (await find()).find((integration) => sameIntegration(integration, name, ownerEmail));
				return found ? { integrationId: String(found.integrationId) } : undefined;
			},
		},
		recover: async (failure: HttpFailure) => {
			if (failure.status !== 409) return undefined;
			// Naming the active integration needs api:crm:integrations:read; without it the advice stays general.
			const active = await find().catch(() => undefined);
			const same = active?.find((integration) => sameIntegration(integration, name, ownerEmail));
			if (same) {
				already = true;
				return { integrationId: String(same.integrationId), requestId: failure.body.requestId };
			}
			const other = active?.[0];
			throw crmError(this, failure, {
				message: other
					? `Gong already has a CRM integration, "${String(other.name ?? '')}" (ID ${String(other.integrationId)}): a company can have only one`
					: 'Gong already has an active CRM integration: a company can have only one',
				description: [
					other
						? `It is owned by ${String(other.ownerEmail ?? 'an unknown owner')}. To use it, take its ID from CRM → Get Integrations.`
						: 'CRM → Get Integrations lists a generic one; a native CRM integration (Salesforce, HubSpot, Microsoft Dynamics) counts too, and Gong shows it under Admin center → CRM.',
					'To register a new one, delete the active one first with CRM → Delete Integration (that deletes its CRM data in Gong too).',
				].join(' '),
				itemIndex,
			});
		},
	});
	return {
		integrationId: String(answer?.integrationId),
		name,
		ownerEmail,
		alreadyRegistered: already,
		requestId: answer?.requestId,
	};
}

export interface CrmAsyncRequest extends IDataObject {
	integrationId: string;
	clientRequestId: string;
	requestId?: string;
}

/** What the transport tells `recover` of earlier attempts (an unknown outcome: 5xx, no answer, unreadable 2xx). */
type AttemptsBefore = Parameters<NonNullable<GongRequest['recover']>>[1];

/**
 * Gong's 409 "Client request id has already been used", for a request Gong deduplicates by
 * clientRequestId: after an earlier attempt of this same request with an unknown outcome it is
 * Gong's answer to our own repeat (the first attempt was accepted); otherwise the id clashes with an
 * earlier request and the error says so.
 */
function requestIdReuse(
	ctx: GongFunctions,
	args: {
		clientRequestId: string;
		what: string;
		advice: string;
		itemIndex?: number;
		/** Whether an earlier attempt of this request may have reached Gong. */
		uncertainBefore: (attempt: AttemptsBefore) => boolean | Promise<boolean>;
		/** How often the request was sent in this call, when known. */
		attempts?: () => number;
	},
): (failure: HttpFailure, attempt: AttemptsBefore) => Promise<GongResponse | undefined> {
	return async (failure, attempt) => {
		if (failure.status !== 409 || !REQUEST_ID_USED.test(gongMessage(failure.body) ?? '')) return undefined;
		if (await args.uncertainBefore(attempt)) {
			return { clientRequestId: args.clientRequestId, requestId: failure.body.requestId };
		}
		const sent = args.attempts?.() ?? 1;
		throw crmError(ctx, failure, {
			message: `Client Request ID "${args.clientRequestId}" was used before`,
			description: [
				`Gong refuses a second request with a client request ID it has seen, so ${args.what} was not done this time.`,
				sent > 1
					? `It was sent ${sent} times in this run (after a rate limit, a token refresh or a lost answer): if an earlier answer was lost, Gong has it; CRM → Get Request Status with this ID tells.`
					: '',
				args.advice,
			]
				.filter(Boolean)
				.join(' '),
			itemIndex: args.itemIndex,
		});
	};
}

/**
 * DELETE /v2/crm/integrations [api:crm:integration:delete]: accepted (201), done by Gong within up
 * to 24 hours, its progress at request-status under the clientRequestId. Gong deduplicates it by
 * that id: its 409 to a repeat counts as done after an unknown outcome, or when the integration is
 * no longer listed.
 */
export async function deleteCrmIntegration(
	this: GongFunctions,
	args: { integrationId: string; clientRequestId: string; reuseAdvice: string },
	itemIndex?: number,
): Promise<CrmAsyncRequest> {
	const { integrationId, clientRequestId } = args;
	const reuse = requestIdReuse(this, {
		clientRequestId,
		what: `deleting integration ${integrationId}`,
		advice: args.reuseAdvice,
		itemIndex,
		uncertainBefore: async (attempt) => {
			if (attempt.unknownOutcomeBefore) return true;
			// Gone from the list: deleted, by this request or an earlier one; either way done.
			const active = await getCrmIntegrations.call(this, itemIndex).catch(() => undefined);
			return active !== undefined && !active.some((integration) => integration.integrationId === integrationId);
		},
	});
	const answer = await gongApiRequest.call(this, {
		method: 'DELETE',
		endpoint: '/v2/crm/integrations',
		qs: { integrationId, clientRequestId },
		itemIndex,
		recover: reuse,
	});
	return { integrationId, clientRequestId, requestId: answer?.requestId };
}

/** GET /v2/crm/entity-schema [api:crm:schema]: the fields of one object type (Gong names uniqueName `name`). */
export async function getCrmSchema(
	this: GongFunctions,
	args: { integrationId: string; objectType: CrmObjectType },
	itemIndex?: number,
): Promise<IDataObject[]> {
	const answer = await gongApiRequest.call(this, {
		method: 'GET',
		endpoint: '/v2/crm/entity-schema',
		qs: { integrationId: args.integrationId, objectType: args.objectType },
		itemIndex,
		expect: { object: 'objectTypeToSelectedFields' },
	});
	const byType = (answer?.objectTypeToSelectedFields ?? {}) as IDataObject;
	const fields = byType[args.objectType];
	return Array.isArray(fields) ? (fields as IDataObject[]) : [];
}

/**
 * POST /v2/crm/entity-schema [api:crm:schema]: the object type's whole schema, as an array. It sets
 * a state (fields left out are an error, `isDeleted` removes one), so sending it again is safe.
 */
export async function uploadCrmSchema(
	this: GongFunctions,
	args: { integrationId: string; objectType: CrmObjectType; fields: CrmSchemaField[] },
	itemIndex?: number,
): Promise<{ requestId?: string }> {
	const answer = await gongApiRequest.call(this, {
		method: 'POST',
		endpoint: '/v2/crm/entity-schema',
		qs: { integrationId: args.integrationId, objectType: args.objectType },
		// Gong takes a JSON array here; the transport sends any body as JSON.
		body: args.fields as unknown as IDataObject,
		itemIndex,
	});
	return { requestId: answer?.requestId };
}

/**
 * POST /v2/crm/entities [api:crm:upload]: an LDJSON file as multipart `dataFile`, accepted (201)
 * for processing later. Gong refuses a repeated clientRequestId (409), which makes a retry after a
 * lost answer safe: that 409 counts as accepted when an earlier attempt of this call had an unknown
 * outcome (a 5xx, no answer), and is an error otherwise (a clash with an earlier upload).
 */
export async function uploadCrmEntities(
	this: GongFunctions,
	args: {
		integrationId: string;
		objectType: CrmUploadObjectType;
		clientRequestId: string;
		file: UploadFile;
		reuseAdvice: string;
	},
	itemIndex?: number,
): Promise<CrmAsyncRequest> {
	const { integrationId, objectType, clientRequestId } = args;
	// The file is opened once per attempt: only to say how often it went, since a rate-limited or
	// re-authenticated attempt cannot be told from a lost one here.
	let attempts = 0;
	const file: UploadFile = {
		...args.file,
		open: async () => {
			attempts++;
			return await args.file.open();
		},
	};
	const reuse = requestIdReuse(this, {
		clientRequestId,
		what: `the ${objectType} upload`,
		advice: args.reuseAdvice,
		itemIndex,
		uncertainBefore: (attempt) => attempt.unknownOutcomeBefore,
		attempts: () => attempts,
	});
	const answer = await gongApiRequest.call(this, {
		method: 'POST',
		endpoint: '/v2/crm/entities',
		qs: { integrationId, objectType, clientRequestId },
		upload: file,
		itemIndex,
		// Gong answers once the whole file (up to 200 MB) is in.
		timeoutMs: 600_000,
		recover: reuse,
	});
	return { integrationId, clientRequestId, requestId: answer?.requestId };
}

/** GET /v2/crm/request-status [api:crm:upload]: how an entity upload or an integration delete is going. */
export async function getCrmRequestStatus(
	this: GongFunctions,
	args: { integrationId: string; clientRequestId: string },
	itemIndex?: number,
): Promise<GongCrmRequestStatus> {
	const answer = (await gongApiRequest.call(this, {
		method: 'GET',
		endpoint: '/v2/crm/request-status',
		qs: { integrationId: args.integrationId, clientRequestId: args.clientRequestId },
		itemIndex,
		// An answer without a status cannot be told from a cut-off one.
		expect: { id: 'status' },
	})) as GongCrmRequestStatus;
	if (!Array.isArray(answer.errors)) answer.errors = [];
	return answer;
}
