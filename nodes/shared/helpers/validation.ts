import { DateTime } from 'luxon';
import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isRecord } from './guards';

/** Gong ids (calls, users, workspaces) are numeric strings of up to 20 digits, never all zeros. */
const GONG_ID = /^(?!0+$)\d{1,20}$/;
/** A Gong call page: https://app.gong.io/call?id=1234567890 (any Gong subdomain). */
const CALL_URL_ID = /^https?:\/\/[^/]*gong\.io\/.*[?&]id=(\d{1,20})(?:[&#]|$)/i;

type Ctx = Pick<IExecuteFunctions, 'getNode' | 'getTimezone'>;

/** Bad input is quoted in errors, but never whole: an expression can hand over megabytes. */
function quote(value: unknown): string {
	const text =
		typeof value === 'string' || typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
	return text.length > 60 ? `"${text.slice(0, 60)}…" (${text.length.toLocaleString('en-US')} characters)` : `"${text}"`;
}

/** Text a field or an expression gave (a number too), trimmed; '' for anything else. */
export function textOf(raw: unknown): string {
	return typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
}

/** Bad input of one item: what was wrong (`message`) and how to fix it (`description`). */
export function invalid(ctx: Ctx, itemIndex: number, message: string, description: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

/** The value of a resource locator (`{__rl, mode, value}`), or the value itself. */
export function locatorValue(value: unknown): unknown {
	if (value && typeof value === 'object' && '__rl' in value) {
		return (value as INodeParameterResourceLocator).value;
	}
	return value;
}

/** A call from an ID, a Gong call URL, or a resource-locator value holding either. */
export function parseCallId(ctx: Ctx, raw: unknown, itemIndex: number, field = 'Call'): string {
	const value = String(locatorValue(raw) ?? '').trim();
	if (GONG_ID.test(value)) return value;
	const fromUrl = CALL_URL_ID.exec(value)?.[1];
	if (fromUrl) return fromUrl;
	throw invalid(
		ctx,
		itemIndex,
		value ? `${quote(value)} in "${field}" is not a Gong call ID or call URL` : `"${field}" is empty`,
		"Use the numeric call ID (up to 20 digits, e.g. 7782342274025937895) or the call's Gong URL (https://app.gong.io/call?id=...).",
	);
}

/** A numeric Gong ID (user, workspace) from a plain value or a resource locator. */
export function parseGongId(ctx: Ctx, raw: unknown, itemIndex: number, field: string): string {
	const value = String(locatorValue(raw) ?? '').trim();
	if (GONG_ID.test(value)) return value;
	throw invalid(
		ctx,
		itemIndex,
		value ? `${quote(value)} in "${field}" is not a Gong ID` : `"${field}" is empty`,
		'Gong IDs are numbers of up to 20 digits: pick one from the list or paste the ID.',
	);
}

/**
 * A list of Gong IDs typed as "1, 2 3" or given as an array by an expression. `required` makes an
 * empty list an error (when the user chose to filter by IDs but gave none).
 */
export function parseIdList(
	ctx: Ctx,
	raw: unknown,
	itemIndex: number,
	field: string,
	options: { required?: boolean; kind?: 'call' | 'user' } = {},
): string[] {
	const parts = (Array.isArray(raw) ? raw : String(raw ?? '').split(/[\s,;]+/))
		.map((part) => String(locatorValue(part) ?? '').trim())
		.filter(Boolean);
	const ids = parts.map((part) =>
		options.kind === 'call' ? parseCallId(ctx, part, itemIndex, field) : parseGongId(ctx, part, itemIndex, field),
	);
	if (options.required && ids.length === 0) {
		throw invalid(
			ctx,
			itemIndex,
			`"${field}" has no IDs`,
			'Give at least one ID, separated by commas, or remove the filter.',
		);
	}
	return [...new Set(ids)];
}

/**
 * A moment from what a date field or an expression gives: ISO strings, "yyyy-MM-dd HH:mm:ss", JS
 * Dates, epoch milliseconds and Luxon DateTimes; text without an offset is in the workflow's zone.
 */
function readDate(ctx: Ctx, raw: unknown, itemIndex: number, field: string, hint: string): DateTime {
	const zone = ctx.getTimezone();
	let parsed: DateTime;
	if (DateTime.isDateTime(raw)) parsed = raw;
	else if (raw instanceof Date) parsed = DateTime.fromJSDate(raw, { zone });
	else if (typeof raw === 'number') parsed = DateTime.fromMillis(raw, { zone });
	else {
		const text = String(raw).trim();
		parsed = DateTime.fromISO(text, { zone, setZone: true });
		if (!parsed.isValid) parsed = DateTime.fromSQL(text, { zone, setZone: true });
	}
	if (!parsed.isValid) {
		throw invalid(
			ctx,
			itemIndex,
			`${quote(typeof raw === 'string' ? raw : String(raw))} in "${field}" is not a date`,
			hint,
		);
	}
	return parsed;
}

/** A date-time for Gong (ISO-8601, UTC). */
export function parseDateTime(ctx: Ctx, raw: unknown, itemIndex: number, field: string): string | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const hint = 'Use an ISO-8601 date-time such as 2026-01-31T09:00:00Z, or pick one with the date picker.';
	return readDate(ctx, raw, itemIndex, field, hint).toUTC().toISO({ suppressMilliseconds: true }) as string;
}

/**
 * Both ends of a window, refusing one whose start is after its end. `required` names the ends the
 * request needs (`hint` says why): an empty one is refused, whatever type the value came as.
 */
export function parseWindow(
	ctx: Ctx,
	from: unknown,
	to: unknown,
	itemIndex: number,
	fields: [string, string],
	required?: { ends: 'from' | 'both'; hint: string },
): { from?: string; to?: string } {
	const fromIso = parseDateTime(ctx, from, itemIndex, fields[0]);
	const toIso = parseDateTime(ctx, to, itemIndex, fields[1]);
	if (required && !fromIso) throw invalid(ctx, itemIndex, `"${fields[0]}" is empty`, required.hint);
	if (required?.ends === 'both' && !toIso) throw invalid(ctx, itemIndex, `"${fields[1]}" is empty`, required.hint);
	if (fromIso && toIso && fromIso > toIso) {
		throw invalid(
			ctx,
			itemIndex,
			`"${fields[0]}" (${fromIso}) is later than "${fields[1]}" (${toIso})`,
			'Swap the two dates, or leave one of them empty.',
		);
	}
	return { from: fromIso, to: toIso };
}

/** A whole number from a number or numeric text (expressions give either); anything else undefined. */
function wholeNumber(raw: unknown): number | undefined {
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

/**
 * How many records an item asks for: `undefined` for Return All, else a whole number ≥ 1. Limits
 * come from expressions and from AI agents (`$fromAI`), so -1, 0, "abc", NaN and Infinity are
 * refused before any request instead of quietly meaning "everything" or "nothing".
 */
export function parseLimit(
	ctx: Pick<IExecuteFunctions, 'getNode' | 'getTimezone' | 'getNodeParameter'>,
	itemIndex: number,
): number | undefined {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as unknown;
	if (returnAll === true || returnAll === 'true') return undefined;
	if (returnAll !== false && returnAll !== 'false' && returnAll !== undefined) {
		throw invalid(
			ctx,
			itemIndex,
			`${quote(returnAll)} in "Return All" is not true or false`,
			'Switch "Return All" on or off, or make its expression give true or false.',
		);
	}
	const raw = ctx.getNodeParameter('limit', itemIndex) as unknown;
	const limit = wholeNumber(raw);
	if (limit === undefined || limit < 1) {
		throw invalid(
			ctx,
			itemIndex,
			`${quote(raw)} in "Limit" is not a whole number of 1 or more`,
			'Set "Limit" to how many records to return (1 or more), or switch on "Return All".',
		);
	}
	return limit;
}

/**
 * A resource-locator filter the user added (Workspace): once added it is never dropped. Returns
 * undefined only when the filter is absent.
 */
export function parseIdFilter(
	ctx: Ctx,
	filters: Record<string, unknown>,
	key: string,
	itemIndex: number,
	field: string,
): string | undefined {
	if (!(key in filters) || filters[key] === undefined) return undefined;
	return parseGongId(ctx, filters[key], itemIndex, field);
}

/** A whole number in [min, max] from an option that may come from an expression. */
export function parseWholeNumber(
	ctx: Ctx,
	raw: unknown,
	itemIndex: number,
	field: string,
	range: { min: number; max: number },
): number {
	const value = wholeNumber(raw);
	if (value === undefined || value < range.min || value > range.max) {
		throw invalid(
			ctx,
			itemIndex,
			`${quote(raw)} in "${field}" is not a whole number from ${range.min} to ${range.max}`,
			`Set "${field}" to a whole number from ${range.min} to ${range.max}.`,
		);
	}
	return value;
}

/**
 * A plain date (YYYY-MM-DD) for Gong's stats and scorecard filters, which count whole days in the
 * company's time zone: a date-time keeps only its date as written (in the workflow's zone).
 */
export function parsePlainDate(ctx: Ctx, raw: unknown, itemIndex: number, field: string): string | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const hint = 'Use a date such as 2026-03-01 (a time of day is ignored), or pick one with the date picker.';
	return readDate(ctx, raw, itemIndex, field, hint).toISODate() as string;
}

/**
 * A stats period: both dates, From before To, and To (exclusive) not after today. "Today" is the
 * latest date anywhere (UTC+14), since the company's time zone is Gong's and not known here; a To
 * Date later than that is refused before any request, as Gong would refuse it.
 */
export function parseStatsPeriod(
	ctx: Ctx,
	from: unknown,
	to: unknown,
	itemIndex: number,
	fields: [string, string] = ['From Date', 'To Date'],
): { fromDate: string; toDate: string } {
	const fromDate = parsePlainDate(ctx, from, itemIndex, fields[0]);
	const toDate = parsePlainDate(ctx, to, itemIndex, fields[1]);
	if (!fromDate || !toDate) {
		throw invalid(
			ctx,
			itemIndex,
			`"${!fromDate ? fields[0] : fields[1]}" is empty`,
			'Gong counts stats between two dates: set both (the end is exclusive).',
		);
	}
	if (fromDate >= toDate) {
		throw invalid(
			ctx,
			itemIndex,
			`"${fields[0]}" (${fromDate}) is not before "${fields[1]}" (${toDate})`,
			`"${fields[1]}" is exclusive: for one day, set it to the day after "${fields[0]}".`,
		);
	}
	const latestToday = DateTime.utc().plus({ hours: 14 }).toISODate() as string;
	if (toDate > latestToday) {
		throw invalid(
			ctx,
			itemIndex,
			`"${fields[1]}" (${toDate}) is in the future`,
			`Gong counts only days that have begun: set "${fields[1]}" to today or earlier (it is exclusive, so today counts up to yesterday).`,
		);
	}
	return { fromDate, toDate };
}

/** One of an options field's values; an expression may give anything else. */
export function parseChoice<T extends string>(
	ctx: Ctx,
	raw: unknown,
	itemIndex: number,
	field: string,
	choices: readonly T[],
): T {
	if (choices.includes(raw as T)) return raw as T;
	throw invalid(
		ctx,
		itemIndex,
		`${quote(raw)} in "${field}" is not one of its options`,
		`Use one of: ${choices.join(', ')}.`,
	);
}

/** Text the request needs (an email address, a CRM id, a question), trimmed and not empty. */
export function parseRequiredText(ctx: Ctx, raw: unknown, itemIndex: number, field: string, hint: string): string {
	const value = textOf(raw);
	if (!value) throw invalid(ctx, itemIndex, `"${field}" is empty`, hint);
	return value;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseEmail(ctx: Ctx, raw: unknown, itemIndex: number, field: string): string {
	const value = parseRequiredText(ctx, raw, itemIndex, field, 'Give an email address such as jane@acme.com.');
	if (!EMAIL.test(value)) {
		throw invalid(
			ctx,
			itemIndex,
			`${quote(value)} in "${field}" is not an email address`,
			'Use an address such as jane@acme.com.',
		);
	}
	return value;
}

/** A phone number as Gong wants it: "+", the country code, then the number (other characters ignored). */
export function parsePhoneNumber(ctx: Ctx, raw: unknown, itemIndex: number, field: string): string {
	const value = parseRequiredText(
		ctx,
		raw,
		itemIndex,
		field,
		'Give a phone number with its country code, such as +1 415 555 0100.',
	);
	const digits = value.replace(/[^\d]/g, '');
	if (!value.startsWith('+') || digits.length < 7 || digits.length > 15) {
		throw invalid(
			ctx,
			itemIndex,
			`${quote(value)} in "${field}" is not a phone number with a country code`,
			'Start with + and the country code, such as +1 415 555 0100 or +44 20 7946 0958.',
		);
	}
	return `+${digits}`;
}

/** A Gong id from a resource locator or text, or undefined when the user left it empty. */
export function parseOptionalId(ctx: Ctx, raw: unknown, itemIndex: number, field: string): string | undefined {
	const value = String(locatorValue(raw) ?? '').trim();
	return value ? parseGongId(ctx, value, itemIndex, field) : undefined;
}

/** A JSON field (object) from text or from an expression's object; undefined when left empty. */
export function parseJsonField(
	ctx: Ctx,
	raw: unknown,
	itemIndex: number,
	field: string,
): Record<string, unknown> | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		if (!raw.trim()) return undefined;
		try {
			value = JSON.parse(raw);
		} catch {
			throw invalid(
				ctx,
				itemIndex,
				`"${field}" is not valid JSON`,
				'Check the brackets, quotes and commas, or build the value with an expression.',
			);
		}
	}
	if (!isRecord(value)) {
		throw invalid(
			ctx,
			itemIndex,
			`"${field}" must be a JSON object`,
			'Give an object in curly braces: {"name": "value"}.',
		);
	}
	return value;
}
