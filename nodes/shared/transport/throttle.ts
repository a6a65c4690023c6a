import { sleep } from 'n8n-workflow';

/**
 * Keeps every request to one Gong host (every item, every page, every execution in this n8n process
 * using that host) inside Gong's limit of 3 requests per rolling second. Gong's limit is per
 * company; the API host is per company, so the host is the key.
 *
 * Why answers, not start times: Gong counts requests when they arrive, and a request's arrival can
 * lag its start (a new TLS connection, a slow network) while the next one on a warm connection does
 * not. A request therefore starts only when, of the last 3 requests to the host, the oldest has been
 * answered at least one window ago: it arrived before its answer, so any 3 consecutive requests
 * arrive at least a window apart, whatever the jitter. On a loopback stand-in this runs at 3/s;
 * against Gong, the pace is 3 per (window + one round trip).
 *
 * After a 429 the host waits for Retry-After and its window doubles (up to 5 s); every success
 * shortens it a little again, so a company whose limit is lower than the default still converges.
 */
export const throttlePolicy = {
	requestsPerWindow: 3,
	/** The rolling window; mutable only for the test suite, which replays faults by the hundred. */
	windowMs: 1_000,
};
const MAX_WINDOW_MS = 5_000;
const RECOVERY_STEP_MS = 15;

interface Slot {
	/** When the answer arrived; undefined while the request is in flight. */
	answeredAt?: number;
}

interface HostState {
	windowMs: number;
	/** No request starts before this (Retry-After). */
	pausedUntil: number;
	/** The most recent requests, oldest first (at most throttlePolicy.requestsPerWindow). */
	recent: Slot[];
	/** Wakes callers waiting for an answer to arrive. */
	waiters: Array<() => void>;
}

const hosts = new Map<string, HostState>();

function stateOf(host: string): HostState {
	let state = hosts.get(host);
	if (!state) {
		state = { windowMs: throttlePolicy.windowMs, pausedUntil: 0, recent: [], waiters: [] };
		hosts.set(host, state);
	}
	return state;
}

/**
 * Waits until a request to this host may start and reserves its place; call the returned function
 * when its answer (or failure) arrives. Safe for concurrent callers.
 */
export async function acquireSlot(host: string): Promise<() => void> {
	const state = stateOf(host);
	for (;;) {
		const now = Date.now();
		if (now < state.pausedUntil) {
			await sleep(state.pausedUntil - now);
			continue;
		}
		if (state.recent.length < throttlePolicy.requestsPerWindow) break;
		const oldest = state.recent[0];
		if (oldest.answeredAt === undefined) {
			// Three requests in flight: wait for one to be answered.
			await new Promise<void>((resolve) => state.waiters.push(resolve));
			continue;
		}
		const freeAt = oldest.answeredAt + state.windowMs;
		if (now >= freeAt) {
			state.recent.shift();
			break;
		}
		await sleep(freeAt - now);
	}
	const slot: Slot = {};
	state.recent.push(slot);
	return () => {
		slot.answeredAt = Date.now();
		// Oldest first: a slot answered late must not be dropped before earlier, still-running ones.
		state.recent.sort((a, b) => (a.answeredAt ?? Infinity) - (b.answeredAt ?? Infinity));
		for (const wake of state.waiters.splice(0)) wake();
	};
}

/** Gong answered 429: nobody sends to this host before Retry-After, and the pace slows down. */
export function pauseAfterRateLimit(host: string, retryAfterMs: number): void {
	const state = stateOf(host);
	state.windowMs = Math.min(state.windowMs * 2, MAX_WINDOW_MS);
	state.pausedUntil = Math.max(state.pausedUntil, Date.now() + retryAfterMs);
}

export function noteSuccess(host: string): void {
	const state = stateOf(host);
	const base = throttlePolicy.windowMs;
	if (state.windowMs > base) state.windowMs = Math.max(base, state.windowMs - RECOVERY_STEP_MS);
}

/** For tests and benchmarks that start a fresh "company" in the same process. */
export function resetThrottle(): void {
	hosts.clear();
}
