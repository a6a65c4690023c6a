import { sleep } from 'n8n-workflow';

/**
 * Keeps every request to one Gong company (every item, every page, every execution in this n8n
 * process using that API host) inside the company's rate limit: 3 requests per rolling second by
 * default, some companies lower or higher (the credential's Requests per Second), and shared with
 * other tools and other n8n processes (queue-mode workers) that this process cannot see.
 *
 * Pacing: at most `allowed` requests per window, counted from answers, not start times. Gong
 * counts a request when it arrives, and arrival can lag a start (a new TLS connection) while the
 * next request on a warm connection does not; so a request starts only when, of the last `allowed`
 * requests, the oldest was answered at least a window ago. Any `allowed + 1` consecutive requests
 * then arrive at least a window apart, whatever the jitter.
 *
 * Learning the company's share (why not a fixed back-off): a 429 says Gong's window was full when
 * the refused request arrived. Of that window, the requests of ours that Gong accepted (started in
 * the second before the refused one) are what this process may count on, so the pace drops to that
 * count at once (a 1/s company is learned from its first 429). A faster pace is tried again later:
 * - right away (after one window of successes) when Gong took all but one of ours and it was the
 *   first 429, or the refused pace had held for two windows: a stray 429 (another tool's burst)
 *   costs a few requests at the lower pace, no more;
 * - otherwise after a hold (the company, or the others sharing it, really leave no more): 4 s, then
 *   8 s, then 16 s, so a slower company costs a 429 only every so often (at 1/s: 3 in 25 s);
 * - after 2 s when Gong accepted a faster pace from this process within the last minute: the rest
 *   is taken by others (queue-mode workers, other tools) who come and go, and a share they free
 *   must be taken back soon, or the last worker still running crawls at its small share.
 * Retry-After is always honoured: no request to the company starts before it.
 */
export const throttlePolicy = {
	/** Gong's default limit per company, when the credential sets none. */
	requestsPerSecond: 3,
	/** Gong's rolling window. Mutable only for the test suite, which sets 0 (no pacing) to replay faults. */
	windowMs: 1_000,
	/** The first hold before a refused pace is tried again; doubles with each refusal. */
	holdMs: 4_000,
	maxHoldMs: 16_000,
	/** After this long without a request to the company, what was learned is forgotten: the others may be gone. */
	forgetAfterMs: 10_000,
};
/** A pace that held is remembered this long: below it, the shortfall is others' use of the company's limit. */
const PROVEN_FOR_MS = 60_000;
/** How long a pace below the proven one waits before trying for more again. */
const SHARED_HOLD_MS = 2_000;

interface Slot {
	startedAt: number;
	/** When the answer arrived; undefined while the request is in flight. */
	answeredAt?: number;
}

interface HostState {
	/** The company's limit per window as the credential says (Gong's default: 3). */
	ceiling: number;
	/** Requests allowed per window now (at least 1): the share learned from Gong's 429 answers. */
	allowed: number;
	/** No request starts before this (Retry-After). */
	pausedUntil: number;
	/** The most recent requests, oldest answer first (at most `allowed`). */
	recent: Slot[];
	/** Start times of requests Gong accepted (any answer but 429) in the last two windows. */
	accepted: number[];
	/** Accepted answers since the pace last changed. */
	heldFor: number;
	/** When the pace last went down: a 429 to a request started before it was already counted. */
	loweredAt: number;
	/** A faster pace is not tried before this. */
	probeAfter: number;
	holdMs: number;
	/** The pace (requests per second) Gong last refused; holding it for two windows ends the doubling. */
	refusedPace: number;
	/** The fastest pace that held for two windows lately, and when: Gong gave us that much. */
	provenPace: number;
	provenAt: number;
	/** When the last request started. */
	lastStartedAt: number;
	/** Wakes callers waiting for an answer to arrive. */
	waiters: Array<() => void>;
}

const hosts = new Map<string, HostState>();

/** What a company's state holds before any 429: the ceiling's pace, nothing refused or proven. */
function unlearned(ceiling: number) {
	return {
		allowed: ceiling,
		heldFor: 0,
		probeAfter: 0,
		holdMs: throttlePolicy.holdMs,
		refusedPace: Infinity,
		provenPace: 0,
		provenAt: 0,
	};
}

function stateOf(host: string, ceiling?: number): HostState {
	const limit = Math.max(1, Math.floor(ceiling ?? throttlePolicy.requestsPerSecond));
	let state = hosts.get(host);
	if (!state) {
		state = {
			ceiling: limit,
			pausedUntil: 0,
			recent: [],
			accepted: [],
			loweredAt: 0,
			lastStartedAt: 0,
			waiters: [],
			...unlearned(limit),
		};
		hosts.set(host, state);
	} else if (ceiling !== undefined && limit !== state.ceiling) {
		// Another credential for the same company, or the setting was changed.
		state.ceiling = limit;
		state.allowed = Math.min(state.allowed, limit);
	}
	return state;
}

/** A request's place in the pace: `done` when its answer (or failure) arrives. */
export interface Ticket {
	startedAt: number;
	/** `status`: Gong's HTTP status, or undefined when no answer arrived. */
	done: (status?: number) => void;
}

/**
 * Waits until a request to this company may start and reserves its place. `ceiling`: the
 * credential's requests per second. Safe for concurrent callers.
 */
export async function acquireSlot(host: string, ceiling?: number): Promise<Ticket> {
	const state = stateOf(host, ceiling);
	if (
		state.lastStartedAt &&
		Date.now() - state.lastStartedAt > throttlePolicy.forgetAfterMs &&
		!state.recent.some((slot) => slot.answeredAt === undefined)
	) {
		// Idle for a while: whoever shared the company then may be gone; start from the ceiling again.
		Object.assign(state, unlearned(state.ceiling));
	}
	for (;;) {
		const now = Date.now();
		if (now < state.pausedUntil) {
			await sleep(state.pausedUntil - now);
			continue;
		}
		if (state.recent.length < state.allowed) break;
		const oldest = state.recent[0];
		if (oldest.answeredAt === undefined) {
			// As many requests in flight as allowed: wait for one to be answered.
			await new Promise<void>((resolve) => state.waiters.push(resolve));
			continue;
		}
		const freeAt = oldest.answeredAt + throttlePolicy.windowMs;
		if (now >= freeAt) {
			state.recent.shift();
			continue;
		}
		await sleep(freeAt - now);
	}
	const slot: Slot = { startedAt: Date.now() };
	state.lastStartedAt = slot.startedAt;
	state.recent.push(slot);
	return {
		startedAt: slot.startedAt,
		done: (status) => {
			slot.answeredAt = Date.now();
			if (status !== undefined && status !== 429) accepted(state, slot.startedAt);
			// Oldest first: a slot answered late must not be dropped before earlier, still-running ones.
			state.recent.sort((a, b) => (a.answeredAt ?? Infinity) - (b.answeredAt ?? Infinity));
			for (const wake of state.waiters.splice(0)) wake();
		},
	};
}

function accepted(state: HostState, startedAt: number): void {
	const window = throttlePolicy.windowMs;
	state.accepted.push(startedAt);
	while (state.accepted.length && state.accepted[0] < Date.now() - 2 * window) state.accepted.shift();
	state.heldFor++;
	if (!window) return;
	if (state.heldFor >= 2 * state.allowed) {
		const now = Date.now();
		state.provenPace = Math.max(state.allowed, now - state.provenAt < PROVEN_FOR_MS ? state.provenPace : 0);
		state.provenAt = now;
		if (state.allowed >= state.refusedPace) state.holdMs = throttlePolicy.holdMs;
	}
	// One window of successes at this pace, and no hold: try the next faster one.
	if (state.allowed < state.ceiling && state.heldFor >= state.allowed && Date.now() >= state.probeAfter) {
		state.allowed++;
		state.heldFor = 0;
	}
}

/**
 * Gong answered 429 to a request that started at `startedAt`: nobody sends to this company before
 * Retry-After, and the pace drops to the share Gong accepted of ours in the second before.
 */
export function pauseAfterRateLimit(host: string, retryAfterMs: number, startedAt = Date.now()): void {
	const state = stateOf(host);
	const now = Date.now();
	state.pausedUntil = Math.max(state.pausedUntil, now + retryAfterMs);
	const window = throttlePolicy.windowMs;
	// Requests in flight together meet the same full window: lower the pace once for all of them.
	if (!window || startedAt < state.loweredAt) return;
	const ours = state.accepted.filter((at) => at >= startedAt - window && at < startedAt).length;
	// Short by one (another tool's single request), and the first refusal or after the pace had held
	// for two windows: maybe a stray burst, so the refused pace is tried again soon.
	const stray = ours >= state.allowed - 1 && (state.refusedPace === Infinity || state.heldFor >= 2 * state.allowed);
	// Already at one a second: Retry-After paces it from here (going slower than Gong asks only
	// loses time: the pause is honoured by every request to the company).
	if (state.allowed === 1) return;
	state.refusedPace = state.allowed;
	state.allowed = Math.max(1, ours < state.allowed ? ours : state.allowed - 1);
	if (stray) {
		state.probeAfter = 0;
	} else if (state.allowed < state.provenPace && now - state.provenAt < PROVEN_FOR_MS) {
		// Gong gave us more than this lately: others (other workers, other tools) take the rest now,
		// and they come and go, so the freed share is looked for every few seconds.
		state.probeAfter = now + SHARED_HOLD_MS;
	} else {
		state.probeAfter = now + state.holdMs;
		state.holdMs = Math.min(throttlePolicy.maxHoldMs, state.holdMs * 2);
	}
	state.heldFor = 0;
	state.loweredAt = now;
}

/** The pace now, for tests and the benchmark: requests per second. */
export function currentPace(host: string): number {
	const state = hosts.get(host);
	return state ? state.allowed : throttlePolicy.requestsPerSecond;
}

/** For tests and benchmarks that start a fresh "company" in the same process. */
export function resetThrottle(): void {
	hosts.clear();
}
