import { DateTime } from 'luxon';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import type { CallContentOption } from '../shared/helpers/content';
import type { GongCallFilter, GongCallTranscript, GongExtensiveCall } from '../shared/helpers/interfaces';
import { shapeTranscript, type TranscriptFormat } from '../shared/helpers/transcript';
import { parseIdFilter, parseIdList, parseWholeNumber } from '../shared/helpers/validation';
import { extensiveCallPages, getExtensiveCallsByIds, getTranscriptsByIds } from '../shared/transport/endpoints';
import { pruneState, readState, writeState, type TriggerState } from './state';

export type TriggerEvent = 'newCall' | 'transcriptReady';

/** One poll reads at most this many pages of calls (1,000 calls); the rest waits for the next poll. */
export const MAX_PAGES_PER_POLL = 10;
/** A call without a transcript is checked again for this long, then given up. */
const PENDING_DAYS = 3;
/** "Fetch test event" looks this far back for the newest call. */
const SAMPLE_WINDOWS_DAYS = [1, 7, 30];

interface Settings {
	event: TriggerEvent;
	filter: GongCallFilter;
	scopes: string[];
	include: CallContentOption[];
	transcriptFormat: TranscriptFormat | 'none';
	timestamps: boolean;
	lookbackHours: number;
}

/** Gong's timestamps carry the company's offset; state compares instants, so keep them in UTC. */
export function toUtc(iso: unknown): string {
	// The transport already turns epoch numbers into ISO text; anything else unreadable sorts first.
	if (typeof iso !== 'string') return '';
	return DateTime.fromISO(iso, { setZone: true }).toUTC().toISO({ suppressMilliseconds: true }) ?? iso;
}

function readSettings(ctx: IPollFunctions): Settings {
	const event = ctx.getNodeParameter('event') as TriggerEvent;
	const filters = ctx.getNodeParameter('filters', {}) as IDataObject;
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const transcriptFormat =
		event === 'transcriptReady'
			? (ctx.getNodeParameter('attachTranscript', 'text') as TranscriptFormat | 'none')
			: 'none';
	const include = ctx.getNodeParameter('include', []) as CallContentOption[];
	// Speakers are resolved from the participants, so they are fetched whenever a transcript is attached.
	const needParties = transcriptFormat !== 'none' && !include.includes('parties');
	return {
		event,
		filter: {
			workspaceId: parseIdFilter(ctx, filters, 'workspaceId', 0, 'Workspace'),
			primaryUserIds: filters.primaryUserIds
				? parseIdList(ctx, filters.primaryUserIds, 0, 'Organizer Names or IDs')
				: undefined,
		},
		scopes: (filters.scope as string[] | undefined) ?? [],
		include: needParties ? [...include, 'parties'] : include,
		transcriptFormat,
		timestamps: options.timestamps === true,
		lookbackHours: parseWholeNumber(ctx, options.lookbackHours ?? 6, 0, 'Look Back (Hours)', { min: 1, max: 168 }),
	};
}

/**
 * When this poll must stop reading pages (epoch ms). n8n ≥ 2.41 gives each poll a time budget and
 * abandons a poll that overruns it (45 s under its durable scheduler), so a backlog read at a
 * throttled 1–3 requests/s stops early and leaves the rest to the next poll. Transcript Ready
 * then asks for one page of transcripts per page of calls, and those take longer (bigger answers,
 * and at a tight rate limit the 429 back-off): measured in n8n at 1/s, 1.6 times as long. So it
 * stops reading at 30 % of the budget.
 */
function readDeadline(ctx: IPollFunctions, settings: Settings, startedAt: number): number {
	// Older n8n versions have no poll budget.
	const budget = typeof ctx.getPollBudgetMs === 'function' ? ctx.getPollBudgetMs() : Number.POSITIVE_INFINITY;
	return startedAt + budget * (settings.event === 'transcriptReady' ? 0.3 : 0.8);
}

/** Calls that started in [from, to), oldest first, up to the page cap or the read deadline. */
async function callsInWindow(
	ctx: IPollFunctions,
	settings: Settings,
	from: string,
	to: string,
	until?: number,
): Promise<{ calls: GongExtensiveCall[]; capped: boolean }> {
	const calls: GongExtensiveCall[] = [];
	const pages = extensiveCallPages.call(ctx, {
		filter: { ...settings.filter, fromDateTime: from, toDateTime: to },
		include: settings.include,
		maxPages: MAX_PAGES_PER_POLL,
		until,
	});
	for (;;) {
		const page = await pages.next();
		if (page.done) return { calls, capped: page.value };
		calls.push(...page.value);
	}
}

function matchesScope(call: GongExtensiveCall, scopes: string[]): boolean {
	return scopes.length === 0 || scopes.includes(call.metaData.scope ?? 'Unknown');
}

function byStart(a: GongExtensiveCall, b: GongExtensiveCall): number {
	return (
		toUtc(a.metaData.started ?? '').localeCompare(toUtc(b.metaData.started ?? '')) ||
		a.metaData.id.localeCompare(b.metaData.id)
	);
}

function toItem(
	call: GongExtensiveCall,
	transcript: GongCallTranscript | undefined,
	settings: Settings,
): INodeExecutionData {
	const json: IDataObject = { ...call };
	if (transcript && settings.transcriptFormat !== 'none') {
		json.transcript = shapeTranscript(
			call.metaData.id,
			transcript.transcript,
			call.metaData,
			call.parties,
			settings.transcriptFormat,
			{ timestamps: settings.timestamps },
		);
	}
	return { json };
}

/** The calls among `candidates` that are ready to emit, with their transcripts when needed. */
async function readyCalls(
	ctx: IPollFunctions,
	settings: Settings,
	candidates: GongExtensiveCall[],
): Promise<Array<{ call: GongExtensiveCall; transcript?: GongCallTranscript }>> {
	if (settings.event === 'newCall') return candidates.map((call) => ({ call }));
	if (!candidates.length) return [];
	const transcripts = await getTranscriptsByIds.call(
		ctx,
		candidates.map((call) => call.metaData.id),
	);
	return candidates.flatMap((call) => {
		const transcript = transcripts.get(call.metaData.id);
		return transcript ? [{ call, transcript }] : [];
	});
}

/** "Fetch test event": the newest matching call, without touching the state. */
async function sample(ctx: IPollFunctions, settings: Settings): Promise<INodeExecutionData[][] | null> {
	const now = DateTime.utc();
	const to = now.toISO({ suppressMilliseconds: true })!;
	for (const days of SAMPLE_WINDOWS_DAYS) {
		const from = now.minus({ days }).toISO({ suppressMilliseconds: true })!;
		const { calls } = await callsInWindow(ctx, settings, from, to);
		const newest = calls
			.filter((call) => matchesScope(call, settings.scopes))
			.sort(byStart)
			.reverse()
			.slice(0, 100);
		const ready = await readyCalls(ctx, settings, newest);
		if (ready.length) {
			const [{ call, transcript }] = ready.sort((a, b) => byStart(b.call, a.call));
			return [[toItem(call, transcript, settings)]];
		}
	}
	return null;
}

/**
 * One poll: read the window [state.from, now), emit the calls not emitted before (for Transcript
 * Ready: those whose transcript exists, plus pending ones that left the window), move the window.
 * The state is written only after everything succeeded, so a failed poll is simply repeated.
 */
export async function pollGong(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(this);
	if (this.getMode() === 'manual') return await sample(this, settings);

	const staticData = this.getWorkflowStaticData('node');
	const now = DateTime.utc();
	const nowIso = now.toISO({ suppressMilliseconds: true })!;
	const lookbackStart = now.minus({ hours: settings.lookbackHours }).toISO({ suppressMilliseconds: true })!;
	const previous = readState(staticData, settings.event);
	// First poll: what is visible now is the baseline; only what appears after activation is emitted.
	// A baseline of more than one poll's pages is finished by the next polls (`baselineUntil`).
	const state: TriggerState = previous ?? {
		version: 1,
		event: settings.event,
		from: lookbackStart,
		emitted: {},
		pending: {},
		baselineUntil: nowIso,
	};

	const { calls, capped } = await callsInWindow(
		this,
		settings,
		state.from,
		nowIso,
		readDeadline(this, settings, Date.now()),
	);
	const inWindow = calls.filter((call) => matchesScope(call, settings.scopes));
	const fresh = inWindow.filter((call) => !(call.metaData.id in state.emitted));

	// Transcript Ready: calls still waiting for a transcript that have left the window.
	const seen = new Set(calls.map((call) => call.metaData.id));
	const pendingIds = Object.keys(state.pending).filter((id) => !seen.has(id));
	const pendingCalls = pendingIds.length
		? [...(await getExtensiveCallsByIds.call(this, pendingIds, settings.include)).values()]
		: [];

	const ready = await readyCalls(this, settings, [...fresh, ...pendingCalls]);
	const emitted = { ...state.emitted };
	for (const { call } of ready) emitted[call.metaData.id] = toUtc(call.metaData.started ?? nowIso);

	// Where the next window starts: after a capped read, at the last call read (ids at that instant
	// are in `emitted`); otherwise at the look-back start, never earlier than this window's start.
	const lastStarted = calls.reduce((latest, call) => {
		const started = toUtc(call.metaData.started ?? latest);
		return started > latest ? started : latest;
	}, state.from);
	const nextFrom = capped ? lastStarted : lookbackStart > state.from ? lookbackStart : state.from;

	const pending = { ...state.pending };
	if (settings.event === 'transcriptReady') {
		const readyIds = new Set(ready.map(({ call }) => call.metaData.id));
		for (const call of [...fresh, ...pendingCalls]) {
			const started = toUtc(call.metaData.started ?? nowIso);
			if (!readyIds.has(call.metaData.id) && started < nextFrom) pending[call.metaData.id] = started;
		}
		for (const id of readyIds) delete pending[id];
	}
	const pendingSince = now.minus({ days: PENDING_DAYS }).toISO({ suppressMilliseconds: true })!;
	const { baselineUntil } = state;
	// The baseline is complete once a read was not capped: every call visible at activation was seen.
	const next: TriggerState = { ...state, from: nextFrom, emitted, pending };
	if (!capped) delete next.baselineUntil;
	writeState(staticData, pruneState(next, pendingSince));

	const toEmit = baselineUntil
		? ready.filter(({ call }) => toUtc(call.metaData.started ?? nowIso) >= baselineUntil)
		: ready;
	if (!toEmit.length) return null;
	return [
		toEmit.sort((a, b) => byStart(a.call, b.call)).map(({ call, transcript }) => toItem(call, transcript, settings)),
	];
}
