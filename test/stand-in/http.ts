export const EMPTY_CALLS = 'No calls found corresponding to the provided filters';
export const EMPTY_USERS = 'No users found corresponding to the provided filters';
export const DAY_MS = 86_400_000;

/** An error answered as `{requestId, errors}`. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly errors: string[],
	) {
		super(errors.join('; '));
	}
}

export const bad = (message: string): HttpError => new HttpError(400, [message]);

export function asRecord(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

/** First string value of a query parameter. */
export function queryString(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
	return undefined;
}

export function isBlank(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/** JSON with sorted keys and undefined members left out: equal filters hash alike. */
export function stableStringify(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map((v) => stableStringify(v)).join(',')}]`;
	const record = asRecord(value);
	if (record) {
		const keys = Object.keys(record)
			.filter((k) => record[k] !== undefined)
			.sort();
		return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(record[k])}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

export function compareIds(a: string, b: string): number {
	return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

const INT64_MARK = '\u0000int64:';

/**
 * An int64 id as Gong sends it: a bare JSON number, even beyond 2^53 (where a JavaScript number
 * would lose digits). Store ids as strings; wrap them in int64() where the spec says int64.
 */
export function int64(digits: string): string {
	if (!/^-?\d{1,20}$/.test(digits)) throw new Error(`int64(): not an integer: ${digits}`);
	return `${INT64_MARK}${digits}`;
}

/** JSON text with every int64() value written as a bare number. */
export function int64Json(value: unknown): string {
	return JSON.stringify(value).replace(/"\\u0000int64:(-?\d{1,20})"/g, '$1');
}
