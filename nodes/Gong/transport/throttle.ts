import { sleep } from 'n8n-workflow';

/**
 * Spaces requests to one Gong host so a whole execution (every item, every page, and every other
 * execution in this n8n process using the same host) stays under Gong's 3 requests/second.
 * Gong's limit is per company; the API host is per company, so the host is the key.
 *
 * 350 ms rather than 333 ms leaves room for network jitter against Gong's rolling window. After a
 * 429 the host slows down (the interval doubles, up to 5 s) and recovers a little on every success,
 * so a company whose limit is lower than the default still converges without a 429 storm.
 */
export const BASE_INTERVAL_MS = 350;
const MAX_INTERVAL_MS = 5_000;
const RECOVERY_STEP_MS = 5;

interface HostState {
	nextSlotAt: number;
	intervalMs: number;
}

const hosts = new Map<string, HostState>();

function stateOf(host: string): HostState {
	let state = hosts.get(host);
	if (!state) {
		state = { nextSlotAt: 0, intervalMs: BASE_INTERVAL_MS };
		hosts.set(host, state);
	}
	return state;
}

/** Waits for this host's next free slot and reserves it (safe for concurrent callers). */
export async function acquireSlot(host: string): Promise<void> {
	const state = stateOf(host);
	const now = Date.now();
	const slot = Math.max(now, state.nextSlotAt);
	state.nextSlotAt = slot + state.intervalMs;
	if (slot > now) await sleep(slot - now);
}

/** Gong answered 429: nobody sends to this host before Retry-After, and the pace slows down. */
export function pauseAfterRateLimit(host: string, retryAfterMs: number): void {
	const state = stateOf(host);
	state.intervalMs = Math.min(state.intervalMs * 2, MAX_INTERVAL_MS);
	state.nextSlotAt = Math.max(state.nextSlotAt, Date.now() + retryAfterMs);
}

export function noteSuccess(host: string): void {
	const state = stateOf(host);
	if (state.intervalMs > BASE_INTERVAL_MS) {
		state.intervalMs = Math.max(BASE_INTERVAL_MS, state.intervalMs - RECOVERY_STEP_MS);
	}
}

/** For tests and benchmarks that start a fresh "company" in the same process. */
export function resetThrottle(): void {
	hosts.clear();
}
