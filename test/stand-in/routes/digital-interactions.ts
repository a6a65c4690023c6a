/**
 * POST /v2/digital-interaction [api:digital-interactions:write]: a prospect's digital activity (a page
 * viewed, a link clicked). `eventId` is the dedup key: a repeat answers 409 "Event was already reported".
 */
import type express from 'express';
import type { Request, Response } from 'express';

import type { GongStandIn } from '../gong-stand-in';
import { HttpError, asRecord, bad, isBlank } from '../http';

/** An event POST /v2/digital-interaction accepted. */
export interface StandInDigitalInteraction {
	eventId: string;
	eventType: string;
	/** As sent. */
	timestamp: string;
	/** The JSON body as received. */
	body: Record<string, unknown>;
	/** Epoch ms. */
	receivedAt: number;
}

export const EVENT_ALREADY_REPORTED = 'Event was already reported';

const DEVICES = ['MOBILE', 'PC'];
const DATA_TYPES = ['STRING', 'NUMBER', 'DATE', 'URL', 'BOOLEAN', 'DURATION'];
const PERSON_OBJECT_TYPES = ['CONTACT', 'LEAD'];
const COMPANY_OBJECT_TYPES = ['ACCOUNT', 'OPPORTUNITY'];

const store = new WeakMap<GongStandIn, StandInDigitalInteraction[]>();

/** Accepted events, oldest first (live array). */
export function digitalInteractionsOf(gong: GongStandIn): StandInDigitalInteraction[] {
	let events = store.get(gong);
	if (!events) {
		events = [];
		store.set(gong, events);
	}
	return events;
}

function requiredText(record: Record<string, unknown>, key: string, path = key): string {
	const value = record[key];
	if (isBlank(value)) throw bad(`${path} is required`);
	if (typeof value !== 'string') throw bad(`${path} must be a string`);
	return value;
}

function optionalText(record: Record<string, unknown>, key: string, path: string): void {
	const value = record[key];
	if (value !== undefined && value !== null && typeof value !== 'string') throw bad(`${path} must be a string`);
}

function customFields(value: unknown, path: string): void {
	if (value === undefined || value === null) return;
	if (!Array.isArray(value)) throw bad(`${path} must be an array`);
	value.forEach((item, i) => {
		const field = asRecord(item);
		if (!field) throw bad(`${path}[${i}] must be an object with name and value`);
		requiredText(field, 'name', `${path}[${i}].name`);
		requiredText(field, 'value', `${path}[${i}].value`);
		if (!isBlank(field.dataType) && !DATA_TYPES.includes(String(field.dataType))) {
			throw bad(`${path}[${i}].dataType must be one of ${DATA_TYPES.join(', ')}`);
		}
	});
}

function businessContext(value: unknown, path: string, types: string[]): void {
	const context = asRecord(value);
	if (!context) throw bad(`${path} must be an object with objectType and objectId`);
	if (typeof context.objectType !== 'string' || !types.includes(context.objectType)) {
		throw bad(`${path}.objectType must be one of ${types.join(', ')}`);
	}
	requiredText(context, 'objectId', `${path}.objectId`);
}

function validatePerson(value: unknown): void {
	const person = asRecord(value);
	if (!person) throw bad('person must be an object');
	for (const key of ['name', 'email', 'phoneNumber', 'personId']) optionalText(person, key, `person.${key}`);
	if (person.personBusinessContext !== undefined && person.personBusinessContext !== null) {
		businessContext(person.personBusinessContext, 'person.personBusinessContext', PERSON_OBJECT_TYPES);
	}
	const company = person.company === undefined || person.company === null ? undefined : asRecord(person.company);
	if (person.company !== undefined && person.company !== null && !company)
		throw bad('person.company must be an object');
	const contexts = company?.companyBusinessContexts;
	if (contexts !== undefined && contexts !== null) {
		if (!Array.isArray(contexts)) throw bad('person.company.companyBusinessContexts must be an array');
		contexts.forEach((c, i) =>
			businessContext(c, `person.company.companyBusinessContexts[${i}]`, COMPANY_OBJECT_TYPES),
		);
	}
	customFields(person.personCustomFields, 'person.personCustomFields');
	const anonymous = ['name', 'email', 'phoneNumber', 'personBusinessContext'].every((key) => isBlank(person[key]));
	if (anonymous && isBlank(person.personId)) {
		throw bad(
			'person.personId is required for an anonymous person (no name, email, phoneNumber or personBusinessContext)',
		);
	}
}

function addInteraction(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:digital-interactions:write')) return;
	const body = asRecord(req.body);
	if (!body) throw bad('The request body must be a JSON object');
	const eventId = requiredText(body, 'eventId');
	const timestamp = requiredText(body, 'timestamp');
	gong.parseDate(timestamp, 'timestamp');
	const eventType = requiredText(body, 'eventType');
	const content = asRecord(body.content);
	if (!content) throw bad('content is required: an object with contentTitle');
	requiredText(content, 'contentTitle', 'content.contentTitle');
	for (const key of ['contentId', 'contentUrl', 'contentAdditionalInfoUrl']) {
		optionalText(content, key, `content.${key}`);
	}
	if (content.contentLabel !== undefined && content.contentLabel !== null) {
		if (!Array.isArray(content.contentLabel) || content.contentLabel.some((l) => typeof l !== 'string')) {
			throw bad('content.contentLabel must be an array of strings');
		}
	}
	customFields(content.contentCustomFields, 'content.contentCustomFields');
	const hasPerson = body.person !== undefined && body.person !== null;
	const hasTracking = !isBlank(body.trackingId);
	// The person, or an id for tracking one: exactly one of them.
	if (hasPerson && hasTracking) throw bad('person and trackingId cannot be sent together: send one of them');
	if (!hasPerson && !hasTracking) throw bad('Either person or trackingId is required');
	if (hasPerson) validatePerson(body.person);
	else optionalText(body, 'trackingId', 'trackingId');
	for (const key of ['sourceSystemName', 'sessionId']) optionalText(body, key, key);
	if (!isBlank(body.device) && !DEVICES.includes(String(body.device))) {
		throw bad(`device must be one of ${DEVICES.join(', ')}, got ${JSON.stringify(body.device)}`);
	}
	customFields(body.customFields, 'customFields');

	const events = digitalInteractionsOf(gong);
	if (events.some((e) => e.eventId === eventId)) throw new HttpError(409, [EVENT_ALREADY_REPORTED]);
	events.push({ eventId, eventType, timestamp, body: structuredClone(body), receivedAt: Date.now() });
	gong.send(req, res, 200, {});
}

export function register(app: express.Express, gong: GongStandIn): void {
	app.post('/v2/digital-interaction', (req, res) => addInteraction(gong, req, res));
}
