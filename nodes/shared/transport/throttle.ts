import { sleep } from 'n8n-workflow';

/**
 * Keeps every request to one Gong company (every item, every page, every execution in this n8n
 * process using that API host) inside the company's rate limit: 3 requests per rolling second by
 * default, some companies lower or higher (the credential's Requests per Second), and shared with
 * other tools and other n8n processes (queue-mode workers) that this process cannot see.
 *
 * Pacing: at most `allowed` requests per `spreadMs`, counted from answers, not start times. Gong
 * counts a request when it arrives, and arrival can lag a start (a new TLS connection) while the
 * next request on a warm connection does not; so a request starts only when, of the last `allowed`
 * requests, the oldest was answered at least `spreadMs` ago. Any `allowed + 1` consecutive requests
 * then arrive at least a window apart, whatever the jitter.
 *
 * Learning the company's share (why not a fixed back-off): a 429 says Gong's window was full when
 * the refused request arrived. Of that window, the requests of ours that Gong accepted (started in
 * the second before the refused one) are what this process may count on, so the pace drops to that
 * count at once (a 1/s company is learned from its first 429). A faster pace is tried again later:
 * - right away (after one window of successes) after the first 429, or when the refused pace had
 *   held for two windows before: a stray 429 (another tool's burst) costs a few requests at the
 *   lower pace, no more;
 * - after a hold when it was refused again soon after it started (the company, or the others
 *   sharing it, really leave no more): 8 s, doubling with each refusal up to a minute, so a slower
 *   company costs a 429 only every so often (3 in the first 25 s at 1/s), while a share freed by
 *   another worker is taken back.
 * Retry-After is always honoured: no request to the company starts before it.
 */
export const throttlePolicy = {
	/** Gong's default limit per company, when the credential sets none. */
	requestsPerSecond: 3,
	/** Gong's rolling window. Mutable only for the test suite, which sets 0 (no pacing) to replay faults. */
	windowMs: 1_000,
	/** The first hold before a refused pace is tried again; doubles with each refusal. */
	holdMs: 8_000,
	maxHoldMs: 60_000,
};
/** Slower than one request per window: the window stretches up to this. */
const MAX_SPREAD_MS = 5_000;

interface Slot {
	startedAt: number;
	/** When the answer arrived; undefined while the request is in flight. */
	answeredAt?: number;
}

interface HostState {
	/** The company's limit per window as the credential says (Gong's default: 3). */
	ceiling: number;
	/** Requests allowed per `spreadMs` now: the share learned from Gong's 429 answers. */
	allowed: number;
	spreadMs: number;
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
	/** Wakes callers waiting for an answer to arrive. */
	waiters: Array<() => void>;
}

const hosts = new Map<string, HostState>();

function stateOf(host: string, ceiling?: number): HostState {
	const limit = Math.max(1, Math.floor(ceiling ?? throttlePolicy.requestsPerSecond));
	let state = hosts.get(host);
	if (!state) {
		state = {
			ceiling: limit,
			allowed: limit,
			spreadMs: throttlePolicy.windowMs,
			pausedUntil: 0,
			recent: [],
			accepted: [],
			heldFor: 0,
			loweredAt: 0,
			probeAfter: 0,
			holdMs: throttlePolicy.holdMs,
			refusedPace: Infinity,
			waiters: [],
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
		const freeAt = oldest.answeredAt + (throttlePolicy.windowMs ? state.spreadMs : 0);
		if (now >= freeAt) {
			state.recent.shift();
			continue;
		}
		await sleep(freeAt - now);
	}
	const slot: Slot = { startedAt: Date.now() };
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
	if (state.heldFor >= 2 * state.allowed && pace(state) >= state.refusedPace) state.holdMs = throttlePolicy.holdMs;
	// One window of successes at this pace, and no hold: try the next faster one.
	const faster = state.spreadMs > window || state.allowed < state.ceiling;
	if (faster && state.heldFor >= state.allowed && Date.now() >= state.probeAfter) {
		if (state.spreadMs > window) state.spreadMs = Math.max(window, state.spreadMs / 2);
		else state.allowed++;
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
	// The first refusal, or one after the pace had held for two windows: maybe another tool's
	// burst, so the refused pace is tried again soon; if that is refused too, it is held back.
	const stray = state.refusedPace === Infinity || state.heldFor >= 2 * state.allowed;
	state.refusedPace = pace(state);
	const ours = state.accepted.filter((at) => at >= startedAt - window && at < startedAt).length;
	const next = ours < state.allowed ? ours : state.allowed - 1;
	if (next >= 1) {
		state.allowed = next;
		state.spreadMs = window;
	} else {
		// Not even one a window got through: the others take it all; stretch the window.
		state.allowed = 1;
		state.spreadMs = Math.min(MAX_SPREAD_MS, Math.max(window, state.spreadMs * 2));
	}
	if (stray) {
		state.probeAfter = 0;
	} else {
		state.probeAfter = now + state.holdMs;
		state.holdMs = Math.min(throttlePolicy.maxHoldMs, state.holdMs * 2);
	}
	state.heldFor = 0;
	state.loweredAt = now;
}

function pace(state: HostState): number {
	return (state.allowed * 1_000) / state.spreadMs;
}

/** The pace now, for tests and the benchmark: requests per second. */
export function currentPace(host: string): number {
	const state = hosts.get(host);
	return state ? pace(state) : throttlePolicy.requestsPerSecond;
}

/** For tests and benchmarks that start a fresh "company" in the same process. */
export function resetThrottle(): void {
	hosts.clear();
}
