/**
 * The generic CRM integration: register one integration (GET/PUT/DELETE /v2/crm/integrations), set
 * its fields (GET/POST /v2/crm/entity-schema), upload entities as LDJSON (POST /v2/crm/entities,
 * multipart, processed asynchronously and polled with GET /v2/crm/request-status) and read them back
 * (GET /v2/crm/entities, a JSON array of ids as the body of a GET). Scopes are split per operation.
 * integrationId is an int64 beyond 2^53, sent as a bare JSON number: a client that parses it as a
 * JavaScript number sends back a different id, which this stand-in does not know.
 */
import { randomInt } from 'crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { DateTime } from 'luxon';

import type { GongStandIn } from '../gong-stand-in';
import { HttpError, asRecord, bad, int64, queryString } from '../http';
import { type AsyncProgress, asyncProgress, isoTime, progressFraction } from './flows';

/** Object types with a schema and readable through GET /v2/crm/entities (case-sensitive). */
export const CRM_OBJECT_TYPES = ['ACCOUNT', 'CONTACT', 'DEAL', 'LEAD'] as const;
export type CrmObjectType = (typeof CRM_OBJECT_TYPES)[number];

/** Object types POST /v2/crm/entities takes. */
export const CRM_UPLOAD_OBJECT_TYPES = [...CRM_OBJECT_TYPES, 'BUSINESS_USER', 'STAGE'] as const;
export type CrmUploadObjectType = (typeof CRM_UPLOAD_OBJECT_TYPES)[number];

export const CRM_FIELD_TYPES = [
	'DATE',
	'DATETIME',
	'NUMBER',
	'PERCENT',
	'CURRENCY',
	'ID',
	'URL',
	'STRING',
	'BOOLEAN',
	'PHONENUMBER',
	'EMAILADDRESS',
	'PICKLIST',
	'REFERENCE',
	'STRINGARRAY',
] as const;
export type CrmFieldType = (typeof CRM_FIELD_TYPES)[number];

const REFERENCE_TARGETS = ['ACCOUNT', 'CONTACT', 'DEAL', 'LEAD', 'USER'];
/** request-status sends at most this many line errors (totalErrorCount counts them all). */
const MAX_STATUS_ERRORS = 20;
const MAX_GET_OBJECTS = 100;

export const ACTIVE_INTEGRATION_EXISTS = 'An active integration already exists';
export const CLIENT_REQUEST_ID_USED = 'Client request id has already been used';
export const UNSUPPORTED_MEDIA_TYPE = 'Unsupported Media Type';

export interface StandInCrmIntegration {
	/** int64, kept as a string. */
	integrationId: string;
	ownerEmail: string;
	name: string;
	/** false once deleted: it is no longer listed, and a new one can be registered. */
	active: boolean;
	registeredAt: string;
	deletedAt: string | null;
}

/** A schema field as stored (POST uniqueName; GET answers it as `name`). */
export interface StandInCrmSchemaField {
	uniqueName: string;
	label: string;
	type: CrmFieldType;
	lastModified: string | null;
	referenceTo: string | null;
	orderedValueList: string[] | null;
}

export type CrmRequestStatus = 'PENDING' | 'IN_PROGRESS' | 'DONE' | 'FAILED';

/** An asynchronous request (entity upload or integration delete), keyed by integration and clientRequestId. */
export interface StandInCrmRequest {
	integrationId: string;
	clientRequestId: string;
	kind: 'upload' | 'delete';
	/** Uploads only. */
	objectType: CrmUploadObjectType | null;
	/** The uploaded file's lines (uploads only). */
	lines: string[];
	submittedAt: number;
	/** request-status reads so far. */
	polls: number;
	status: CrmRequestStatus;
	totalSuccessCount: number;
	/** Every line error (the answer sends the first 20); line 0 is an error about the whole file. */
	errors: { line: number; description: string }[];
	/** Fields dropped from a line because they are neither standard nor in the schema (policy 'ignore'). */
	ignoredFields: { line: number; fields: string[] }[];
}

interface CrmState {
	integrations: StandInCrmIntegration[];
	/** integrationId → object type → fields. */
	schemas: Map<string, Map<CrmObjectType, StandInCrmSchemaField[]>>;
	/** integrationId → object type → objectId → fields as uploaded (without isDeleted). */
	entities: Map<string, Map<CrmUploadObjectType, Map<string, Record<string, unknown>>>>;
	requests: StandInCrmRequest[];
	progress: AsyncProgress;
	nativeCrm: string | null;
	unknownFields: 'ignore' | 'error';
}

const store = new WeakMap<GongStandIn, CrmState>();

function state(gong: GongStandIn): CrmState {
	let found = store.get(gong);
	if (!found) {
		found = {
			integrations: [],
			schemas: new Map(),
			entities: new Map(),
			requests: [],
			progress: asyncProgress({}),
			nativeCrm: null,
			unknownFields: 'ignore',
		};
		store.set(gong, found);
	}
	return found;
}

/** Every integration registered so far, deleted ones too (active: false). */
export function crmIntegrationsOf(gong: GongStandIn): StandInCrmIntegration[] {
	return state(gong).integrations;
}

/** Every upload and delete request, in order (live objects). */
export function crmRequestsOf(gong: GongStandIn): StandInCrmRequest[] {
	return state(gong).requests;
}

/** The entities of one type as processed so far (objectId → fields); empty for an unknown integration. */
export function crmEntitiesOf(
	gong: GongStandIn,
	integrationId: string,
	objectType: CrmUploadObjectType,
): Map<string, Record<string, unknown>> {
	return state(gong).entities.get(integrationId)?.get(objectType) ?? new Map();
}

/** The schema fields of one object type (live array; empty for an unknown integration). */
export function crmSchemaOf(
	gong: GongStandIn,
	integrationId: string,
	objectType: CrmObjectType,
): StandInCrmSchemaField[] {
	return state(gong).schemas.get(integrationId)?.get(objectType) ?? [];
}

/**
 * How uploads and deletes progress (default `{polls: 2}`: the first request-status read answers
 * PENDING, the second DONE or FAILED; 3 polls add IN_PROGRESS). `{polls: 0}`: processed on receipt.
 * With `ms`, a request also finishes that long after it was received, polled or not.
 */
export function setCrmRequestProgress(gong: GongStandIn, options: { polls?: number; ms?: number }): void {
	state(gong).progress = asyncProgress(options);
}

/** A native CRM (e.g. 'Salesforce') connected to the company: PUT /v2/crm/integrations then answers 409. */
export function setNativeCrmIntegration(gong: GongStandIn, name: string | null): void {
	state(gong).nativeCrm = name;
}

/**
 * What an uploaded line's fields that are neither standard nor in the schema do: 'ignore' (default,
 * as the spec says: they are not displayed — dropped, noted in ignoredFields) or 'error' (a line error).
 */
export function setCrmUnknownFieldPolicy(gong: GongStandIn, policy: 'ignore' | 'error'): void {
	state(gong).unknownFields = policy;
}

// ---- parameters ----------------------------------------------------------------------------------

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function integrationIdParam(value: unknown): string {
	const text = queryString(value)?.trim();
	if (!text) throw bad('integrationId is required');
	if (!/^\d{1,19}$/.test(text)) throw bad(`integrationId must be an int64 number, got ${JSON.stringify(text)}`);
	return text.replace(/^0+(?=\d)/, '');
}

function activeIntegration(gong: GongStandIn, integrationId: string): StandInCrmIntegration {
	const found = state(gong).integrations.find((i) => i.integrationId === integrationId && i.active);
	// The spec documents no 404 on the CRM endpoints: an unknown integration is a malformed request.
	if (!found) throw bad(`No active integration with integrationId ${integrationId}`);
	return found;
}

function clientRequestIdParam(value: unknown): string {
	const text = queryString(value);
	if (!text) throw bad('clientRequestId is required');
	if (!/^[A-Za-z0-9_-]+$/.test(text)) {
		throw bad(
			`Invalid clientRequestId ${JSON.stringify(text)}: only letters, digits, dashes and underscores are allowed`,
		);
	}
	return text;
}

function objectTypeParam<T extends string>(value: unknown, allowed: readonly T[], required: boolean): T | undefined {
	const text = queryString(value);
	if (!text) {
		if (required) throw bad('objectType is required');
		return undefined;
	}
	if (!(allowed as readonly string[]).includes(text)) {
		throw bad(`Invalid objectType ${JSON.stringify(text)}: expected one of ${allowed.join(', ')} (case-sensitive)`);
	}
	return text as T;
}

function requestOf(gong: GongStandIn, integrationId: string, clientRequestId: string): StandInCrmRequest | undefined {
	return state(gong).requests.find((r) => r.integrationId === integrationId && r.clientRequestId === clientRequestId);
}

// ---- asynchronous processing -----------------------------------------------------------------------

/** Standard fields per uploaded object type, and what their values must be. */
type FieldKind = 'string' | 'boolean' | 'number' | 'integer' | 'strings' | 'datetime' | 'status';

const COMMON_FIELDS: Record<string, FieldKind> = {
	objectId: 'string',
	modifiedDate: 'datetime',
	isDeleted: 'boolean',
	url: 'string',
};

const STANDARD_FIELDS: Record<CrmUploadObjectType, Record<string, FieldKind>> = {
	BUSINESS_USER: { ...COMMON_FIELDS, emailAddress: 'string' },
	ACCOUNT: { ...COMMON_FIELDS, name: 'string', domains: 'strings' },
	CONTACT: {
		...COMMON_FIELDS,
		accountId: 'string',
		emailAddress: 'string',
		firstName: 'string',
		lastName: 'string',
		title: 'string',
		phoneNumber: 'string',
	},
	DEAL: {
		...COMMON_FIELDS,
		accountId: 'string',
		ownerId: 'string',
		name: 'string',
		createdDate: 'datetime',
		closeDate: 'string',
		status: 'status',
		stage: 'string',
		amount: 'number',
	},
	LEAD: {
		...COMMON_FIELDS,
		emailAddress: 'string',
		firstName: 'string',
		lastName: 'string',
		title: 'string',
		phoneNumber: 'string',
		convertedToDealId: 'string',
		convertedToContactId: 'string',
		convertedToAccountId: 'string',
	},
	STAGE: { ...COMMON_FIELDS, name: 'string', isActive: 'boolean', sortOrder: 'integer' },
};

/** ISO-8601 date-time without milliseconds, as the spec asks for modifiedDate. */
function isIsoSeconds(value: string): boolean {
	return (
		/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:?\d{2})$/.test(value) &&
		DateTime.fromISO(value, { setZone: true }).isValid
	);
}

function isIsoDateTime(value: string): boolean {
	return /^\d{4}-\d{2}-\d{2}T/.test(value) && DateTime.fromISO(value, { setZone: true }).isValid;
}

function standardProblem(name: string, kind: FieldKind, value: unknown): string | undefined {
	if (value === null) return undefined;
	switch (kind) {
		case 'string':
			return typeof value === 'string' ? undefined : `Field [${name}] must be a string`;
		case 'boolean':
			return typeof value === 'boolean' ? undefined : `Field [${name}] must be a boolean`;
		case 'number':
			return typeof value === 'number' ? undefined : `Field [${name}] must be a number`;
		case 'integer':
			return Number.isInteger(value) ? undefined : `Field [${name}] must be an integer`;
		case 'strings':
			return Array.isArray(value) && value.every((v) => typeof v === 'string')
				? undefined
				: `Field [${name}] must be an array of strings`;
		case 'datetime':
			return typeof value === 'string' && isIsoSeconds(value)
				? undefined
				: `Invalid ${name} [${String(value)}]: expected an ISO-8601 date-time without milliseconds, e.g. 2019-01-03T23:45:57+01:00`;
		case 'status':
			return value === 'WON' || value === 'LOST' || value === 'OPEN'
				? undefined
				: `Invalid status [${String(value)}]: expected WON, LOST or OPEN`;
	}
}

function customProblem(field: StandInCrmSchemaField, value: unknown): string | undefined {
	if (value === null) return undefined;
	const name = field.uniqueName;
	const wrong = `Field [${name}] must be a ${field.type} value`;
	switch (field.type) {
		case 'BOOLEAN':
			return typeof value === 'boolean' ? undefined : wrong;
		case 'NUMBER':
		case 'CURRENCY':
			return typeof value === 'number' ? undefined : wrong;
		case 'PERCENT':
			return typeof value === 'number' && value >= 0 && value <= 100 ? undefined : wrong;
		case 'DATE':
			return typeof value === 'string' &&
				/^\d{4}-\d{2}-\d{2}$/.test(value) &&
				DateTime.fromISO(value, { zone: 'utc' }).isValid
				? undefined
				: wrong;
		case 'DATETIME':
			return typeof value === 'string' && isIsoDateTime(value) ? undefined : wrong;
		case 'PICKLIST':
			if (typeof value !== 'string') return wrong;
			return field.orderedValueList?.includes(value)
				? undefined
				: `Field [${name}]: '${value}' is not one of its PICKLIST values`;
		case 'STRINGARRAY':
			return Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined : wrong;
		default:
			return typeof value === 'string' ? undefined : wrong;
	}
}

/** One LDJSON line: the record to store (or delete), or the line's error. */
function readLine(
	text: string,
	objectType: CrmUploadObjectType,
	schema: StandInCrmSchemaField[],
	policy: 'ignore' | 'error',
): { record: Record<string, unknown>; ignored: string[] } | { error: string } {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return { error: 'The line is not a valid JSON object' };
	}
	const record = asRecord(parsed);
	if (!record) return { error: 'The line is not a valid JSON object' };
	const mandatory = (name: string): boolean =>
		record[name] === undefined || record[name] === null || record[name] === '';
	if (mandatory('objectId')) return { error: 'Mandatory field [objectId] is missing or empty' };
	const objectId = record.objectId;
	if (typeof objectId !== 'string') return { error: 'Field [objectId] must be a string' };
	// The spec allows letters, digits and "-" or an email address; its own examples use "_" too.
	if (objectId.length > 64 || !(/^[A-Za-z0-9_-]+$/.test(objectId) || EMAIL.test(objectId))) {
		return {
			error: `Invalid objectId [${objectId}]: up to 64 letters, digits and dashes, or an email address`,
		};
	}
	if (objectType !== 'STAGE' && mandatory('modifiedDate')) {
		return { error: 'Mandatory field [modifiedDate] is missing or empty' };
	}
	if (objectType === 'STAGE' && mandatory('name')) return { error: 'Mandatory field [name] is missing or empty' };
	if (objectType === 'BUSINESS_USER' && record.isDeleted !== true && mandatory('emailAddress')) {
		return { error: 'Mandatory field [emailAddress] is missing or empty' };
	}
	const standard = STANDARD_FIELDS[objectType];
	const custom = new Map(schema.map((f) => [f.uniqueName, f]));
	const kept: Record<string, unknown> = {};
	const ignored: string[] = [];
	for (const [name, value] of Object.entries(record)) {
		const kind = standard[name];
		const field = custom.get(name);
		const problem = kind ? standardProblem(name, kind, value) : field ? customProblem(field, value) : undefined;
		if (problem) return { error: problem };
		if (kind || field) kept[name] = value;
		else if (policy === 'error') {
			return { error: `Unknown field [${name}]: it is not in the ${objectType} schema (POST /v2/crm/entity-schema)` };
		} else ignored.push(name);
	}
	if (objectType === 'BUSINESS_USER' && typeof kept.emailAddress === 'string' && !EMAIL.test(kept.emailAddress)) {
		return { error: `Invalid emailAddress [${kept.emailAddress}]` };
	}
	return { record: kept, ignored };
}

/** Processes a request: what it does to the store happens now, when its status turns final. */
function finish(gong: GongStandIn, request: StandInCrmRequest): void {
	const s = state(gong);
	if (request.kind === 'delete' || request.objectType === null) {
		request.status = 'DONE';
		return;
	}
	if (!s.integrations.some((i) => i.integrationId === request.integrationId && i.active)) {
		request.errors.push({ line: 0, description: 'The integration was deleted before the file was processed' });
		request.status = 'FAILED';
		return;
	}
	const objectType = request.objectType;
	const schema = (CRM_OBJECT_TYPES as readonly string[]).includes(objectType)
		? crmSchemaOf(gong, request.integrationId, objectType as CrmObjectType)
		: [];
	let byType = s.entities.get(request.integrationId);
	if (!byType) {
		byType = new Map();
		s.entities.set(request.integrationId, byType);
	}
	let objects = byType.get(objectType);
	if (!objects) {
		objects = new Map();
		byType.set(objectType, objects);
	}
	let seen = 0;
	request.lines.forEach((text, index) => {
		if (!text.trim()) return;
		seen++;
		const line = index + 1;
		const outcome = readLine(text, objectType, schema, s.unknownFields);
		if ('error' in outcome) {
			request.errors.push({ line, description: outcome.error });
			return;
		}
		request.totalSuccessCount++;
		if (outcome.ignored.length) request.ignoredFields.push({ line, fields: outcome.ignored });
		const { isDeleted, ...fields } = outcome.record;
		const objectId = fields.objectId as string;
		if (isDeleted === true) objects.delete(objectId);
		else objects.set(objectId, fields);
	});
	if (!seen) request.errors.push({ line: 0, description: 'The file is empty' });
	// FAILED when some objects could not be parsed; the others are processed all the same.
	request.status = request.errors.length ? 'FAILED' : 'DONE';
}

function isFinal(request: StandInCrmRequest): boolean {
	return request.status === 'DONE' || request.status === 'FAILED';
}

/** Finishes the requests whose time has come (progress with `ms`), polled or not. */
function settle(gong: GongStandIn): void {
	const { progress, requests } = state(gong);
	if (progress.ms === undefined) return;
	const now = Date.now();
	for (const request of requests) {
		if (!isFinal(request) && now - request.submittedAt >= progress.ms) finish(gong, request);
	}
}

function newRequest(
	gong: GongStandIn,
	fields: Pick<StandInCrmRequest, 'integrationId' | 'clientRequestId' | 'kind' | 'objectType' | 'lines'>,
): StandInCrmRequest {
	const request: StandInCrmRequest = {
		...fields,
		submittedAt: Date.now(),
		polls: 0,
		status: 'PENDING',
		totalSuccessCount: 0,
		errors: [],
		ignoredFields: [],
	};
	state(gong).requests.push(request);
	if (progressFraction(state(gong).progress, 0, 0) >= 1) finish(gong, request);
	return request;
}

// ---- integrations --------------------------------------------------------------------------------

function newIntegrationId(gong: GongStandIn): string {
	const taken = new Set(state(gong).integrations.map((i) => i.integrationId));
	for (;;) {
		// 19 digits below 9·10^18: an int64, and always beyond 2^53.
		let id = String(randomInt(1, 9));
		while (id.length < 19) id += String(randomInt(0, 10));
		if (!taken.has(id)) return id;
	}
}

function listIntegrations(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:crm:integrations:read')) return;
	settle(gong);
	const integrations = state(gong).integrations.filter((i) => i.active);
	gong.send(req, res, 200, {
		integrations: integrations.map((i) => ({
			integrationId: int64(i.integrationId),
			ownerEmail: i.ownerEmail,
			name: i.name,
		})),
	});
}

function registerIntegration(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:crm:integration:register')) return;
	settle(gong);
	const body = asRecord(req.body);
	if (!body) throw bad('The request body must be a JSON object');
	const ownerEmail = typeof body.ownerEmail === 'string' ? body.ownerEmail.trim() : '';
	if (!ownerEmail) throw bad('ownerEmail is required');
	if (!EMAIL.test(ownerEmail)) throw bad(`Invalid email address: ${JSON.stringify(ownerEmail)}`);
	const name = typeof body.name === 'string' ? body.name.trim() : '';
	if (!name) throw bad('name is required');
	const s = state(gong);
	// One integration at a time, native CRMs (Salesforce, HubSpot…) included.
	if (s.nativeCrm !== null || s.integrations.some((i) => i.active)) {
		throw new HttpError(409, [ACTIVE_INTEGRATION_EXISTS]);
	}
	const integration: StandInCrmIntegration = {
		integrationId: newIntegrationId(gong),
		ownerEmail,
		name,
		active: true,
		registeredAt: isoTime(Date.now()),
		deletedAt: null,
	};
	s.integrations.push(integration);
	gong.send(req, res, 200, { integrationId: int64(integration.integrationId) });
}

function deleteIntegration(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:crm:integration:delete')) return;
	settle(gong);
	const integrationId = integrationIdParam(req.query.integrationId);
	const clientRequestId = clientRequestIdParam(req.query.clientRequestId);
	const previous = requestOf(gong, integrationId, clientRequestId);
	if (previous) {
		// A retried delete (same clientRequestId) gets the same answer; any other reuse is a conflict.
		if (previous.kind !== 'delete') throw new HttpError(409, [CLIENT_REQUEST_ID_USED]);
		gong.send(req, res, 201, { clientRequestId });
		return;
	}
	const integration = activeIntegration(gong, integrationId);
	// Gong deletes over up to 24 hours; the stand-in at once (request-status still goes PENDING → DONE).
	integration.active = false;
	integration.deletedAt = isoTime(Date.now());
	const s = state(gong);
	s.schemas.delete(integrationId);
	s.entities.delete(integrationId);
	newRequest(gong, { integrationId, clientRequestId, kind: 'delete', objectType: null, lines: [] });
	gong.send(req, res, 201, { clientRequestId });
}

// ---- schema --------------------------------------------------------------------------------------

function fieldOut(field: StandInCrmSchemaField): Record<string, unknown> {
	// Gong's example answer names the field `name` (the request's uniqueName), with nulls kept.
	return {
		name: field.uniqueName,
		label: field.label,
		type: field.type,
		lastModified: field.lastModified,
		isDeleted: false,
		referenceTo: field.referenceTo,
		orderedValueList: field.orderedValueList ? [...field.orderedValueList] : null,
	};
}

function getSchema(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:crm:schema')) return;
	settle(gong);
	const integration = activeIntegration(gong, integrationIdParam(req.query.integrationId));
	// The spec marks objectType required, but its text says that leaving it out returns every type.
	const objectType = objectTypeParam(req.query.objectType, CRM_OBJECT_TYPES, false);
	const types = objectType ? [objectType] : CRM_OBJECT_TYPES;
	gong.send(req, res, 200, {
		objectTypeToSelectedFields: Object.fromEntries(
			types.map((t) => [t, crmSchemaOf(gong, integration.integrationId, t).map(fieldOut)]),
		),
	});
}

interface SchemaItem {
	field: StandInCrmSchemaField;
	isDeleted: boolean;
}

function readSchemaItem(value: unknown, index: number, errors: string[]): SchemaItem | undefined {
	const item = asRecord(value);
	if (!item) {
		errors.push(`Field #${index + 1} must be an object`);
		return undefined;
	}
	const uniqueName = typeof item.uniqueName === 'string' ? item.uniqueName.trim() : '';
	const at = uniqueName ? `Field '${uniqueName}'` : `Field #${index + 1}`;
	const before = errors.length;
	if (!uniqueName) errors.push(`${at}: uniqueName is required`);
	const label = typeof item.label === 'string' ? item.label : '';
	if (!label.trim()) errors.push(`${at}: label is required`);
	const type = typeof item.type === 'string' ? item.type : '';
	if (!(CRM_FIELD_TYPES as readonly string[]).includes(type)) {
		errors.push(
			`${at}: invalid type ${JSON.stringify(item.type ?? null)}: expected one of ${CRM_FIELD_TYPES.join(', ')}`,
		);
	}
	const referenceTo = typeof item.referenceTo === 'string' ? item.referenceTo : null;
	if (type === 'REFERENCE' && (referenceTo === null || !REFERENCE_TARGETS.includes(referenceTo))) {
		errors.push(`${at}: referenceTo is required for a REFERENCE field: one of ${REFERENCE_TARGETS.join(', ')}`);
	}
	const list = item.orderedValueList;
	const values = Array.isArray(list) && list.every((v) => typeof v === 'string') ? (list as string[]) : null;
	if (list !== undefined && list !== null && values === null) {
		errors.push(`${at}: orderedValueList must be an array of strings`);
	}
	if (type === 'PICKLIST' && !values?.length) errors.push(`${at}: orderedValueList is required for a PICKLIST field`);
	const lastModified = item.lastModified;
	if (
		lastModified !== undefined &&
		lastModified !== null &&
		(typeof lastModified !== 'string' || !isIsoSeconds(lastModified))
	) {
		errors.push(`${at}: lastModified must be an ISO-8601 date-time without milliseconds, e.g. 2020-12-17T13:45:01Z`);
	}
	const isDeleted = item.isDeleted;
	if (isDeleted !== undefined && isDeleted !== null && typeof isDeleted !== 'boolean') {
		errors.push(`${at}: isDeleted must be true or false`);
	}
	if (errors.length > before) return undefined;
	return {
		field: {
			uniqueName,
			label,
			type: type as CrmFieldType,
			lastModified: typeof lastModified === 'string' ? lastModified : null,
			referenceTo: type === 'REFERENCE' ? referenceTo : null,
			orderedValueList: values,
		},
		isDeleted: isDeleted === true,
	};
}

function postSchema(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:crm:schema')) return;
	settle(gong);
	const integration = activeIntegration(gong, integrationIdParam(req.query.integrationId));
	const objectType = objectTypeParam(req.query.objectType, CRM_OBJECT_TYPES, true) as CrmObjectType;
	// The spec's body is an array of fields; one field object on its own is taken as a list of one.
	const body: unknown = req.body;
	const single = asRecord(body);
	const list: unknown[] | undefined = Array.isArray(body) ? (body as unknown[]) : single ? [single] : undefined;
	if (!list) throw bad('The request body must be a JSON array of schema fields');
	if (!list.length) throw bad('The request body must contain at least one schema field');
	const errors: string[] = [];
	const items = list.map((value, i) => readSchemaItem(value, i, errors));
	const names = new Set<string>();
	for (const item of items) {
		if (!item) continue;
		if (names.has(item.field.uniqueName)) errors.push(`Field '${item.field.uniqueName}' appears more than once`);
		names.add(item.field.uniqueName);
	}
	if (errors.length) throw new HttpError(400, errors);
	const s = state(gong);
	let byType = s.schemas.get(integration.integrationId);
	if (!byType) {
		byType = new Map();
		s.schemas.set(integration.integrationId, byType);
	}
	const current = byType.get(objectType) ?? [];
	// Each update lists every field it keeps: leaving one out is an error, isDeleted removes it.
	const missing = current.filter((f) => !names.has(f.uniqueName)).map((f) => f.uniqueName);
	if (missing.length) {
		throw bad(
			`The schema must include all existing ${objectType} fields (send isDeleted: true to remove one); missing: ${missing.join(', ')}`,
		);
	}
	const objects = s.entities.get(integration.integrationId)?.get(objectType);
	const wipe = (name: string): void => {
		for (const record of objects?.values() ?? []) delete record[name];
	};
	const next: StandInCrmSchemaField[] = [];
	for (const item of items as SchemaItem[]) {
		const existing = current.find((f) => f.uniqueName === item.field.uniqueName);
		// Deleting a field, or changing its type (a new field), deletes its data; a new label does not.
		if (item.isDeleted || (existing && existing.type !== item.field.type)) wipe(item.field.uniqueName);
		if (!item.isDeleted) next.push(item.field);
	}
	byType.set(objectType, next);
	gong.send(req, res, 201, {});
}

// ---- entities ------------------------------------------------------------------------------------

/** The content of the multipart part named `name`, or undefined when there is none. */
function multipartPart(contentType: string, body: Buffer, name: string): Buffer | undefined {
	const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	const boundaryText = match?.[1] ?? match?.[2];
	if (!boundaryText) throw bad('Malformed multipart body: no boundary');
	const boundary = Buffer.from(`--${boundaryText}`);
	let at = body.indexOf(boundary);
	while (at >= 0) {
		const start = at + boundary.length;
		if (body.subarray(start, start + 2).toString('latin1') === '--') return undefined;
		const headerEnd = body.indexOf('\r\n\r\n', start);
		if (headerEnd < 0) return undefined;
		const headers = body.subarray(start, headerEnd).toString('utf8');
		const next = body.indexOf(boundary, headerEnd + 4);
		if (next < 0) return undefined;
		const partName = /content-disposition:[^\r\n]*;\s*name="([^"]*)"/i.exec(headers)?.[1];
		// The part ends with the CRLF before the next boundary.
		if (partName === name) return body.subarray(headerEnd + 4, Math.max(headerEnd + 4, next - 2));
		at = next;
	}
	return undefined;
}

/** Everything about an upload that does not need its body: checked before the file is read. */
function uploadPrecheck(gong: GongStandIn, req: Request, res: Response, next: NextFunction): void {
	if (!gong.requireScope(req, res, 'api:crm:upload')) return;
	settle(gong);
	const integration = activeIntegration(gong, integrationIdParam(req.query.integrationId));
	objectTypeParam(req.query.objectType, CRM_UPLOAD_OBJECT_TYPES, true);
	const clientRequestId = clientRequestIdParam(req.query.clientRequestId);
	if (!req.is('multipart/form-data')) throw new HttpError(415, [UNSUPPORTED_MEDIA_TYPE]);
	if (requestOf(gong, integration.integrationId, clientRequestId)) {
		throw new HttpError(409, [CLIENT_REQUEST_ID_USED]);
	}
	next();
}

function uploadEntities(gong: GongStandIn, req: Request, res: Response): void {
	const integrationId = integrationIdParam(req.query.integrationId);
	const objectType = objectTypeParam(req.query.objectType, CRM_UPLOAD_OBJECT_TYPES, true) as CrmUploadObjectType;
	const clientRequestId = clientRequestIdParam(req.query.clientRequestId);
	const body: unknown = req.body;
	const file = Buffer.isBuffer(body) ? multipartPart(req.get('content-type') ?? '', body, 'dataFile') : undefined;
	if (file === undefined) throw bad("dataFile is required: a multipart part named 'dataFile' with the LDJSON file");
	// Accepted, not processed: the lines are read when the request finishes (see request-status).
	newRequest(gong, {
		integrationId,
		clientRequestId,
		kind: 'upload',
		objectType,
		lines: file.toString('utf8').split(/\r?\n/),
	});
	gong.send(req, res, 201, { clientRequestId });
}

function requestStatus(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:crm:upload')) return;
	settle(gong);
	const integrationId = integrationIdParam(req.query.integrationId);
	const clientRequestId = clientRequestIdParam(req.query.clientRequestId);
	const request = requestOf(gong, integrationId, clientRequestId);
	if (!request) {
		throw bad(`No request with clientRequestId '${clientRequestId}' for integrationId ${integrationId}`);
	}
	if (!isFinal(request)) {
		request.polls++;
		const fraction = progressFraction(state(gong).progress, request.polls, Date.now() - request.submittedAt);
		if (fraction >= 1) finish(gong, request);
		else request.status = request.polls <= 1 ? 'PENDING' : 'IN_PROGRESS';
	}
	const final = isFinal(request);
	gong.send(req, res, 200, {
		status: request.status,
		totalSuccessCount: final ? request.totalSuccessCount : 0,
		totalErrorCount: final ? request.errors.filter((e) => e.line > 0).length : 0,
		errors: final ? request.errors.slice(0, MAX_STATUS_ERRORS).map((e) => ({ ...e })) : [],
	});
}

function getEntities(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:crm:get-objects')) return;
	settle(gong);
	// The ids travel as a JSON body on this GET; live Gong answers a GET without one with 415.
	if (!req.is('application/json')) throw new HttpError(415, [UNSUPPORTED_MEDIA_TYPE]);
	const integration = activeIntegration(gong, integrationIdParam(req.query.integrationId));
	const objectType = objectTypeParam(req.query.objectType, CRM_OBJECT_TYPES, true) as CrmObjectType;
	const body: unknown = req.body;
	if (!Array.isArray(body) || body.some((id) => typeof id !== 'string')) {
		throw bad('The request body must be a JSON array of CRM object ID strings');
	}
	// "If more than 100 objects are requested only the first 100 are returned."
	const ids = (body as string[]).slice(0, MAX_GET_OBJECTS);
	const objects = crmEntitiesOf(gong, integration.integrationId, objectType);
	const crmObjectsMap: Record<string, Record<string, unknown> | null> = {};
	for (const id of ids) {
		const found = objects.get(id);
		crmObjectsMap[id] = found ? { ...found } : null;
	}
	gong.send(req, res, 200, { crmObjectsMap });
}

export function register(app: express.Express, gong: GongStandIn): void {
	app.get('/v2/crm/integrations', (req, res) => listIntegrations(gong, req, res));
	app.put('/v2/crm/integrations', (req, res) => registerIntegration(gong, req, res));
	app.delete('/v2/crm/integrations', (req, res) => deleteIntegration(gong, req, res));
	app.get('/v2/crm/entity-schema', (req, res) => getSchema(gong, req, res));
	app.post('/v2/crm/entity-schema', (req, res) => postSchema(gong, req, res));
	app.get('/v2/crm/entities', (req, res) => getEntities(gong, req, res));
	app.post(
		'/v2/crm/entities',
		(req, res, next) => uploadPrecheck(gong, req, res, next),
		// Buffered (the spec's limit is 200 MB a file); the multipart body is split by hand.
		express.raw({ type: 'multipart/form-data', limit: '200mb' }),
		(req, res) => uploadEntities(gong, req, res),
	);
	app.get('/v2/crm/request-status', (req, res) => requestStatus(gong, req, res));
}
