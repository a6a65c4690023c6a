/**
 * Data privacy. Read side: GET /v2/data-privacy/data-for-email-address and
 * …/data-for-phone-number [api:data-privacy:read]. What references a person is derived from the
 * stand-in's data: calls from gong.calls parties (emailAddress / phoneNumber), CRM contacts and leads
 * from the Engage prospects (routes/flows.ts), email messages, meetings and engagement events
 * generated deterministically from the address. An unknown person answers 200 with empty arrays:
 * the spec documents no 404 for these endpoints ("Successful request" with the lists).
 * Write side [api:data-privacy:delete]: POST …/erase-data-for-email-address?emailAddress= and
 * …/erase-data-for-phone-number?phoneNumber= (the value in the query string, no body) → 200
 * {requestId}, also for a repeat. Gong deletes asynchronously, over hours; the stand-in deletes at
 * once, and only from what these reads answer: the calls, emails and leads/contacts erased are left
 * out of both data-for-* reads from then on, while /v2/calls, the flows and the other resources keep
 * them (so one test's erasure does not reshape the data every other endpoint serves).
 */
import type express from 'express';
import type { Request, Response } from 'express';

import { mulberry32 } from '../data';
import type { GongStandIn } from '../gong-stand-in';
import { bad, queryString } from '../http';
import type { StandInCall } from '../types';
import { type StandInProspect, isoTime, prospectsOf } from './flows';

export interface StandInEmailReference {
	id: string;
	from: string;
	sentTime: string;
	mailbox: string;
	messageHash: string;
}

export interface StandInCallReference {
	id: string;
	status: string;
	externalSystems: { system: string; objects: { objectType: 'Conversation' | 'Task'; externalId: string }[] }[];
}

export interface StandInCustomerData {
	system: 'Salesforce';
	objects: {
		id: string;
		objectType: 'Lead' | 'Contact';
		externalId: string;
		mirrorId: string;
		fields: { name: string; value: string | null }[];
	}[];
}

export interface StandInCustomerEngagement {
	eventType: 'contentShared' | 'contentViewed' | 'customEvent' | 'digitalInteraction';
	timestamp: string;
	contentId: string;
	contentUrl: string;
	reportingSystem: string;
	eventName: string;
	sourceEventId: string;
}

/** What GET /v2/data-privacy/data-for-email-address answers (without requestId). */
export interface StandInEmailAddressReferences {
	emails: StandInEmailReference[];
	calls: StandInCallReference[];
	meetings: { id: string }[];
	customerData: StandInCustomerData[];
	customerEngagement: StandInCustomerEngagement[];
}

/** What GET /v2/data-privacy/data-for-phone-number answers (without requestId). */
export interface StandInPhoneNumberReferences {
	emails: StandInEmailReference[];
	calls: StandInCallReference[];
	meetings: { id: string }[];
	customerData: StandInCustomerData[];
	suppliedPhoneNumber: string;
	matchingPhoneNumbers: string[];
	emailAddresses: string[];
}

const DAY = 86_400_000;
const MIRROR_INTEGRATION_ID = '262834820328732';

/** FNV-1a: a stable seed from text, so a person's generated emails never change. */
function seedOf(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

function randomFor(text: string): {
	int: (min: number, max: number) => number;
	alnum: (n: number) => string;
	digits: (n: number) => string;
} {
	const rng = mulberry32(seedOf(text));
	const int = (min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
	return {
		int,
		alnum: (n) => {
			const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
			let s = '';
			while (s.length < n) s += chars[Math.floor(rng() * chars.length)];
			return s;
		},
		digits: (n) => {
			let s = String(int(1, 9));
			while (s.length < n) s += String(int(0, 9));
			return s;
		},
	};
}

/** `+` and the digits: what two spellings of one phone number have in common. */
export function normalizePhone(phone: string): string {
	return `+${phone.replace(/\D/g, '')}`;
}

export interface StandInErasure {
	kind: 'emailAddress' | 'phoneNumber';
	/** As sent. */
	value: string;
	/** When it was asked for, ISO. */
	at: string;
	/** What this request erased (a repeat erases nothing new). */
	callIds: string[];
	crmIds: string[];
	/** Addresses whose email messages are gone (lower-case). */
	emailAddresses: string[];
}

interface Erased {
	requests: StandInErasure[];
	calls: Set<string>;
	crmIds: Set<string>;
	emails: Set<string>;
}

const erasedStore = new WeakMap<GongStandIn, Erased>();

function erased(gong: GongStandIn): Erased {
	let found = erasedStore.get(gong);
	if (!found) {
		found = { requests: [], calls: new Set(), crmIds: new Set(), emails: new Set() };
		erasedStore.set(gong, found);
	}
	return found;
}

/** Every erase request so far, in order, with what each one erased. */
export function privacyErasuresOf(gong: GongStandIn): StandInErasure[] {
	return erased(gong).requests;
}

/** The calls the data-privacy reads still know about. */
function liveCalls(gong: GongStandIn): StandInCall[] {
	const gone = erased(gong).calls;
	return gone.size ? gong.calls.filter((c) => !gone.has(c.metaData.id)) : gong.calls;
}

/** The CRM leads/contacts the data-privacy reads still know about. */
function liveProspects(gong: GongStandIn): StandInProspect[] {
	const gone = erased(gong).crmIds;
	return prospectsOf(gong).filter((p) => !gone.has(p.crmId));
}

function anchorOf(gong: GongStandIn): number {
	const first = gong.calls[0];
	return first ? Date.parse(first.metaData.started) : Date.parse('2026-01-05T09:00:00Z');
}

function callReference(call: StandInCall): StandInCallReference {
	const r = randomFor(`call:${call.metaData.id}`);
	const systems: StandInCallReference['externalSystems'] = [];
	if (call.metaData.clientUniqueId) {
		systems.push({
			system: 'Generic',
			objects: [{ objectType: 'Conversation', externalId: call.metaData.clientUniqueId }],
		});
	}
	if (call.context.some((c) => c.system === 'Salesforce')) {
		systems.push({
			system: 'Salesforce',
			objects: [{ objectType: 'Task', externalId: `00T${r.alnum(15).toUpperCase()}` }],
		});
	}
	return { id: call.metaData.id, status: 'COMPLETED', externalSystems: systems };
}

function meetingsOf(calls: StandInCall[]): { id: string }[] {
	return calls
		.filter((c) => c.metaData.calendarEventId)
		.map((c) => ({ id: randomFor(`meeting:${c.metaData.calendarEventId ?? ''}`).digits(19) }));
}

/** Email messages that reference `address`: only for people the stand-in knows. */
function emailsFor(gong: GongStandIn, address: string): StandInEmailReference[] {
	const lower = address.toLowerCase();
	const user = gong.users.find((u) => u.emailAddress.toLowerCase() === lower);
	const r = randomFor(`emails:${lower}`);
	const count = user ? r.int(2, 6) : r.int(0, 4);
	const anchor = anchorOf(gong);
	const out: StandInEmailReference[] = [];
	for (let i = 0; i < count; i++) {
		const rep = user ?? gong.users[r.int(0, Math.max(0, gong.users.length - 1))];
		const mailbox = rep?.emailAddress ?? address;
		out.push({
			id: r.alnum(32),
			from: i % 2 === 0 ? address : mailbox,
			sentTime: isoTime(anchor - r.int(0, 60) * DAY - r.int(0, 86_399) * 1000),
			mailbox,
			messageHash: r.alnum(32),
		});
	}
	// Messages to or from an erased address are gone.
	const gone = erased(gong).emails;
	return out
		.filter((e) => !gone.has(lower) && !gone.has(e.from.toLowerCase()))
		.sort((a, b) => Date.parse(a.sentTime) - Date.parse(b.sentTime));
}

function customerDataOf(prospects: StandInProspect[]): StandInCustomerData[] {
	if (!prospects.length) return [];
	return [
		{
			system: 'Salesforce',
			objects: prospects.map((p) => ({
				id: randomFor(`crm:${p.crmId}`).digits(19),
				objectType: p.type === 'LEAD' ? 'Lead' : 'Contact',
				externalId: p.crmId,
				mirrorId: JSON.stringify({ integrationId: MIRROR_INTEGRATION_ID, crmObjectType: p.type, crmId: p.crmId }),
				fields: [
					{ name: 'FirstName', value: p.firstName },
					{ name: 'LastName', value: p.lastName },
					{ name: 'Email', value: p.emailAddress },
					{ name: 'Title', value: p.title },
					{ name: 'Phone', value: p.phoneNumber },
				],
			})),
		},
	];
}

function engagementFor(address: string, calls: StandInCall[]): StandInCustomerEngagement[] {
	const r = randomFor(`engagement:${address.toLowerCase()}`);
	const external = calls.filter((c) => c.metaData.scope === 'External');
	return external.slice(0, r.int(0, 2)).map((call) => ({
		eventType: 'contentViewed',
		timestamp: isoTime(Date.parse(call.metaData.started) + r.int(1, 72) * 3_600_000),
		contentId: call.metaData.id,
		contentUrl: `https://app.gong.io/e/c-share/?tkn=${r.alnum(24)}`,
		reportingSystem: 'Gong',
		eventName: 'Externally shared call viewed',
		sourceEventId: r.digits(19),
	}));
}

/** What the stand-in holds about `emailAddress` (case-insensitive), as the endpoint answers it. */
export function dataForEmailAddress(gong: GongStandIn, emailAddress: string): StandInEmailAddressReferences {
	const lower = emailAddress.trim().toLowerCase();
	const calls = liveCalls(gong).filter((c) => c.parties.some((p) => p.emailAddress?.toLowerCase() === lower));
	const user = gong.users.find(
		(u) => u.emailAddress.toLowerCase() === lower || u.emailAliases.some((a) => a.toLowerCase() === lower),
	);
	const prospects = liveProspects(gong).filter((p) => p.emailAddress.toLowerCase() === lower);
	if (!calls.length && !user && !prospects.length) {
		return { emails: [], calls: [], meetings: [], customerData: [], customerEngagement: [] };
	}
	return {
		emails: emailsFor(gong, lower),
		calls: calls.map(callReference),
		meetings: meetingsOf(calls),
		customerData: customerDataOf(prospects),
		customerEngagement: user ? [] : engagementFor(lower, calls),
	};
}

/** What the stand-in holds about a phone number (compared as + and digits), as the endpoint answers it. */
export function dataForPhoneNumber(gong: GongStandIn, phoneNumber: string): StandInPhoneNumberReferences {
	const wanted = normalizePhone(phoneNumber);
	const matching = new Set<string>();
	const emailAddresses = new Set<string>();
	const note = (phone: string | null | undefined, email: string | null | undefined): boolean => {
		if (!phone || normalizePhone(phone) !== wanted) return false;
		matching.add(phone);
		if (email) emailAddresses.add(email.toLowerCase());
		return true;
	};
	for (const user of gong.users) note(user.phoneNumber, user.emailAddress);
	const prospects = liveProspects(gong).filter((p) => note(p.phoneNumber, p.emailAddress));
	const known = liveCalls(gong);
	for (const call of known) for (const party of call.parties) note(party.phoneNumber, party.emailAddress);
	const calls = known.filter((c) =>
		c.parties.some(
			(p) =>
				(p.phoneNumber !== undefined && normalizePhone(p.phoneNumber) === wanted) ||
				(p.emailAddress !== undefined && emailAddresses.has(p.emailAddress.toLowerCase())),
		),
	);
	const addresses = [...emailAddresses];
	return {
		emails: addresses
			.flatMap((a) => emailsFor(gong, a))
			.sort((a, b) => Date.parse(a.sentTime) - Date.parse(b.sentTime)),
		calls: calls.map(callReference),
		meetings: meetingsOf(calls),
		customerData: customerDataOf(prospects),
		suppliedPhoneNumber: phoneNumber,
		matchingPhoneNumbers: [...matching],
		emailAddresses: addresses,
	};
}

function emailParam(req: Request): string {
	const emailAddress = queryString(req.query.emailAddress)?.trim();
	if (!emailAddress) throw bad('emailAddress is required');
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(emailAddress)) {
		throw bad(`Invalid email address: ${JSON.stringify(emailAddress)}`);
	}
	return emailAddress;
}

function phoneParam(req: Request): string {
	const phoneNumber = queryString(req.query.phoneNumber);
	if (!phoneNumber?.trim()) throw bad('phoneNumber is required');
	// A + and the country code first; every other non-digit is ignored.
	if (!/^\s*\+\s*[1-9]/.test(phoneNumber) || phoneNumber.replace(/\D/g, '').length < 7) {
		throw bad(
			`Invalid phone number ${JSON.stringify(phoneNumber)}: it must start with + and the country code, e.g. +1 425 555 2671`,
		);
	}
	return phoneNumber;
}

function forEmail(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:data-privacy:read')) return;
	gong.send(req, res, 200, { ...dataForEmailAddress(gong, emailParam(req)) });
}

function forPhone(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:data-privacy:read')) return;
	gong.send(req, res, 200, { ...dataForPhoneNumber(gong, phoneParam(req)) });
}

/** Erases what references `lower` (an address): its calls, its email messages and its leads/contacts. */
function eraseAddress(gong: GongStandIn, lower: string, into: StandInErasure): void {
	const state = erased(gong);
	for (const call of liveCalls(gong)) {
		if (call.parties.some((p) => p.emailAddress?.toLowerCase() === lower)) into.callIds.push(call.metaData.id);
	}
	for (const prospect of liveProspects(gong)) {
		if (prospect.emailAddress.toLowerCase() === lower) into.crmIds.push(prospect.crmId);
	}
	if (!state.emails.has(lower)) into.emailAddresses.push(lower);
	for (const id of into.callIds) state.calls.add(id);
	for (const id of into.crmIds) state.crmIds.add(id);
	state.emails.add(lower);
}

function eraseForEmail(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:data-privacy:delete')) return;
	const emailAddress = emailParam(req);
	const erasure: StandInErasure = {
		kind: 'emailAddress',
		value: emailAddress,
		at: isoTime(Date.now()),
		callIds: [],
		crmIds: [],
		emailAddresses: [],
	};
	eraseAddress(gong, emailAddress.toLowerCase(), erasure);
	erased(gong).requests.push(erasure);
	// Idempotent: a repeat erases nothing new and answers the same 200.
	gong.send(req, res, 200, {});
}

function eraseForPhone(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:data-privacy:delete')) return;
	const phoneNumber = phoneParam(req);
	const wanted = normalizePhone(phoneNumber);
	const erasure: StandInErasure = {
		kind: 'phoneNumber',
		value: phoneNumber,
		at: isoTime(Date.now()),
		callIds: [],
		crmIds: [],
		emailAddresses: [],
	};
	// The leads/contacts with the number go, with their email messages and the calls they appear in
	// (by address, or as an outside party with the number). Gong users keep theirs.
	const state = erased(gong);
	const matching = liveProspects(gong).filter((p) => p.phoneNumber && normalizePhone(p.phoneNumber) === wanted);
	for (const prospect of matching) {
		if (prospect.emailAddress) eraseAddress(gong, prospect.emailAddress.toLowerCase(), erasure);
		if (!state.crmIds.has(prospect.crmId)) {
			erasure.crmIds.push(prospect.crmId);
			state.crmIds.add(prospect.crmId);
		}
	}
	for (const call of liveCalls(gong)) {
		const appears = call.parties.some(
			(p) => p.affiliation !== 'Internal' && p.phoneNumber && normalizePhone(p.phoneNumber) === wanted,
		);
		if (appears) {
			erasure.callIds.push(call.metaData.id);
			state.calls.add(call.metaData.id);
		}
	}
	erased(gong).requests.push(erasure);
	gong.send(req, res, 200, {});
}

export function register(app: express.Express, gong: GongStandIn): void {
	app.get('/v2/data-privacy/data-for-email-address', (req, res) => forEmail(gong, req, res));
	app.get('/v2/data-privacy/data-for-phone-number', (req, res) => forPhone(gong, req, res));
	app.post('/v2/data-privacy/erase-data-for-email-address', (req, res) => eraseForEmail(gong, req, res));
	app.post('/v2/data-privacy/erase-data-for-phone-number', (req, res) => eraseForPhone(gong, req, res));
}
