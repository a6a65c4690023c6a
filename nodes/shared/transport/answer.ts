import type { GongResponse } from '../helpers/interfaces';
import { isRecord } from '../helpers/guards';
import { parseJson } from './json';

/**
 * What one endpoint must answer. A 2xx answer that does not hold it is unreadable: a proxy that
 * cut the body, a gateway's HTML page, an empty body. Taking such an answer as "no records" would
 * make a workflow succeed with data missing, so it is retried and then reported, never used.
 */
export interface ExpectedAnswer {
	/** The array of records a list endpoint returns (`calls`, `users`, `callTranscripts`...). */
	list?: string;
	/** The object a single-record endpoint returns (`user` of GET /v2/users/{id}). */
	object?: string;
	/**
	 * Checks (and may normalise in place) one record of `list`; returns what is wrong with it.
	 * A record that cannot be identified cannot be emitted or matched, so it makes the answer unreadable.
	 */
	record?: (record: Record<string, unknown>) => string | undefined;
	/** Records already read on earlier pages of this listing, to notice a page that ends it too early. */
	seenBefore?: number;
	/** An id a write's answer must carry (`callId` of a new call): text or a number, not empty. */
	id?: string;
}

/** The page size of every Gong list endpoint. */
export const GONG_PAGE_SIZE = 100;

export type Answer = { ok: true; body: GongResponse } | { ok: false; problem: string; requestId?: string };

/** Gong's request id from a body we could not parse: it is the first field Gong writes. */
export function requestIdIn(text: string): string | undefined {
	return /"requestId"\s*:\s*"([A-Za-z0-9_-]{1,64})"/.exec(text)?.[1];
}

/** The `<title>` of an HTML page (a gateway's error page), if it has one. */
export function htmlTitle(text: string): string | undefined {
	return /<title[^>]*>([^<]{1,80})/i.exec(text)?.[1]?.trim();
}

function describeText(text: string): string {
	const trimmed = text.trim();
	if (!trimmed) return 'an empty body';
	if (/^<(!doctype|html|\?xml|head|body)/i.test(trimmed)) {
		const title = htmlTitle(trimmed);
		return `an HTML page${title ? ` ("${title}")` : ''} instead of JSON`;
	}
	return `a body that is not complete JSON (${trimmed.length.toLocaleString('en-US')} characters)`;
}

/** Parses and checks one 2xx answer (raw text, or what the HTTP client already parsed). */
export function readAnswer(raw: unknown, expected: ExpectedAnswer = {}): Answer {
	let body: unknown = raw;
	if (raw === undefined || raw === null) return { ok: false, problem: 'an empty body' };
	if (typeof raw === 'string') {
		try {
			body = parseJson(raw);
		} catch {
			return { ok: false, problem: describeText(raw), requestId: requestIdIn(raw) };
		}
	}
	if (!isRecord(body)) {
		return { ok: false, problem: `JSON that is not an object (${Array.isArray(body) ? 'an array' : typeof body})` };
	}
	const requestId = typeof body.requestId === 'string' ? body.requestId : undefined;
	const fail = (problem: string): Answer => ({ ok: false, problem, requestId });

	const records = body.records;
	if (records !== undefined && records !== null && !isRecord(records))
		return fail('a "records" block that is not an object');
	const cursor = isRecord(records) ? records.cursor : undefined;
	if (cursor !== undefined && cursor !== null && (typeof cursor !== 'string' || cursor === '')) {
		return fail('a paging cursor that is not text');
	}

	if (expected.id !== undefined) {
		const id = body[expected.id];
		if ((typeof id !== 'string' && typeof id !== 'number') || String(id).trim() === '') {
			return fail(`no "${expected.id}"`);
		}
		body[expected.id] = String(id);
	}
	if (expected.object !== undefined && !isRecord(body[expected.object])) {
		return fail(`no "${expected.object}" object`);
	}
	if (expected.list !== undefined) {
		const list = body[expected.list];
		if (!Array.isArray(list)) {
			return fail(list === undefined ? `no "${expected.list}" list` : `"${expected.list}" that is not a list`);
		}
		for (let index = 0; index < list.length; index++) {
			const record: unknown = list[index];
			const problem = isRecord(record) ? expected.record?.(record) : 'is not an object';
			if (problem) return fail(`"${expected.list}" record ${index + 1} that ${problem}`);
		}
		// A full page without a cursor while Gong counts more records: the listing would end early.
		const total = isRecord(records) ? records.totalRecords : undefined;
		// Gong numbers pages from 0; a picker asking for one page by cursor knows no earlier count.
		const pageNumber = isRecord(records) ? records.currentPageNumber : undefined;
		const before = Math.max(expected.seenBefore ?? 0, typeof pageNumber === 'number' ? pageNumber * GONG_PAGE_SIZE : 0);
		const seen = before + list.length;
		if (!cursor && typeof total === 'number' && list.length >= GONG_PAGE_SIZE && seen < total) {
			return fail(`a full page without a cursor, although Gong counts ${total} records and only ${seen} arrived`);
		}
	}
	return { ok: true, body: body as GongResponse };
}
