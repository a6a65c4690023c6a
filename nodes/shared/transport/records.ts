import { isRecord } from '../helpers/guards';

/**
 * Checks for the records Gong lists, run on every page before it is used (see `ExpectedAnswer`).
 * A record without the id that identifies it makes the answer unreadable; a field of an unexpected
 * type that the nodes read is normalised here (epoch start times, `null` lists), so no code past
 * the transport meets a shape that would throw.
 */

type Fields = Record<string, unknown>;

/** Gong ids are numeric strings; a number (or a numeric string) is accepted and kept as a string. */
function normaliseId(holder: Fields, key: string): boolean {
	const value = holder[key];
	if (typeof value === 'number' && Number.isSafeInteger(value)) holder[key] = String(value);
	else if (typeof value !== 'string' || value.trim() === '') return false;
	return true;
}

/** A start time as ISO text: epoch seconds or milliseconds become ISO; anything else unreadable is dropped. */
function normaliseInstant(holder: Fields, key: string): void {
	const value = holder[key];
	if (value === undefined || value === null) return;
	if (typeof value === 'number' && Number.isFinite(value)) {
		// Seconds until the year 5138; Gong's own times are ISO text, so any number is a stand-in's guess.
		holder[key] = new Date(value < 1e11 ? value * 1000 : value).toISOString();
		return;
	}
	if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) delete holder[key];
}

function normaliseList(holder: Fields, key: string): Fields[] | undefined {
	const value = holder[key];
	if (value === undefined) return undefined;
	const list = Array.isArray(value) ? value.filter(isRecord) : [];
	holder[key] = list;
	return list;
}

/** Call metadata (GET /v2/calls `calls[]`, and `metaData` of an extensive call). */
export function callMetaData(record: Fields): string | undefined {
	if (!normaliseId(record, 'id')) return 'has no call id';
	normaliseInstant(record, 'started');
	normaliseInstant(record, 'scheduled');
	if (record.title !== undefined && record.title !== null && typeof record.title !== 'string')
		record.title = String(record.title);
	return undefined;
}

/** One call of POST /v2/calls/extensive. */
export function extensiveCall(record: Fields): string | undefined {
	if (!isRecord(record.metaData)) return 'has no "metaData"';
	const problem = callMetaData(record.metaData);
	if (problem) return problem;
	for (const party of normaliseList(record, 'parties') ?? []) {
		if (party.speakerId !== undefined && party.speakerId !== null) party.speakerId = String(party.speakerId);
	}
	return undefined;
}

/** One entry of POST /v2/calls/transcript. */
export function callTranscript(record: Fields): string | undefined {
	if (!normaliseId(record, 'callId')) return 'has no call id';
	for (const monologue of normaliseList(record, 'transcript') ?? (record.transcript = [])) {
		monologue.speakerId = String(monologue.speakerId ?? '');
		const sentences = normaliseList(monologue, 'sentences') ?? (monologue.sentences = []);
		for (const sentence of sentences) {
			if (typeof sentence.text !== 'string')
				sentence.text = sentence.text === undefined || sentence.text === null ? '' : String(sentence.text);
			if (typeof sentence.start !== 'number') sentence.start = Number(sentence.start) || 0;
			if (typeof sentence.end !== 'number') sentence.end = Number(sentence.end) || 0;
		}
	}
	return undefined;
}

/** A user (GET /v2/users, POST /v2/users/extensive) or a workspace: an id is all the nodes rely on. */
export function withId(record: Fields): string | undefined {
	return normaliseId(record, 'id') ? undefined : 'has no id';
}

/** Keys Gong types as int64 ids (and `id` itself): numbers there are turned into text. */
const ID_KEY = /(^id|Id)$/;

/**
 * Every id field at any depth as text: Gong sends its int64 ids as JSON numbers, and the generated
 * types (and every comparison downstream) read them as strings; beyond 2^53 transport/json.ts has
 * already kept them as text.
 */
export function idsAsText(value: unknown): void {
	if (Array.isArray(value)) {
		for (const inner of value) idsAsText(inner);
		return;
	}
	if (!isRecord(value)) return;
	for (const [key, inner] of Object.entries(value)) {
		if (typeof inner === 'number' && Number.isInteger(inner) && ID_KEY.test(key)) value[key] = String(inner);
		else if (Array.isArray(inner) && key.endsWith('Ids'))
			value[key] = inner.map((id) => (typeof id === 'number' ? String(id) : id));
		else if (typeof inner === 'object') idsAsText(inner);
	}
}

/** A record identified by `field` (its ids made text); without it the answer is unreadable. */
export function identifiedBy(field: string): (record: Fields) => string | undefined {
	return (record) => {
		idsAsText(record);
		return normaliseId(record, field) ? undefined : `has no "${field}"`;
	};
}

/** A record with no single identifying field (stats rows, log entries): its ids made text. */
export function anyRecord(record: Fields): string | undefined {
	idsAsText(record);
	return undefined;
}
