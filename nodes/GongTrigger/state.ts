import type { IDataObject } from 'n8n-workflow';

/**
 * What the Gong Trigger remembers between polls (the workflow's node static data).
 *
 * Gong lists calls by start time, and a call shows up in the API only once processed — minutes or
 * hours after it started. So every poll re-reads a look-back window ending now, and `emitted`
 * remembers which calls of that window were already sent: a call is emitted exactly once even when
 * calls share a timestamp, polls are irregular, n8n was down, or Gong returns a call late.
 */
export interface TriggerState extends IDataObject {
	version: 1;
	event: string;
	/** Start (ISO, UTC) of the next poll's window; never moves backwards. */
	from: string;
	/** callId → started, for emitted calls that can still fall inside a window. */
	emitted: Record<string, string>;
	/** Transcript Ready: callId → started, calls without a transcript that left the window. */
	pending: Record<string, string>;
	/**
	 * Activation instant while the baseline is still being read: a look-back window of more than
	 * 1,000 calls takes several polls, and the calls of it that started before this are not emitted.
	 */
	baselineUntil?: string;
}

export function readState(staticData: IDataObject, event: string): TriggerState | undefined {
	const state = staticData.gong as TriggerState | undefined;
	// A changed event starts afresh: what was emitted for "New Call" says nothing about transcripts.
	return state?.version === 1 && state.event === event ? state : undefined;
}

export function writeState(staticData: IDataObject, state: TriggerState): void {
	staticData.gong = state;
}

/** Drops what can never be seen again: emitted calls before the window, pending ones too old. */
export function pruneState(state: TriggerState, pendingSince: string): TriggerState {
	const emitted: Record<string, string> = {};
	for (const [id, started] of Object.entries(state.emitted)) if (started >= state.from) emitted[id] = started;
	const pending: Record<string, string> = {};
	for (const [id, started] of Object.entries(state.pending)) {
		if (started >= pendingSince && !(id in emitted)) pending[id] = started;
	}
	return { ...state, emitted, pending };
}
