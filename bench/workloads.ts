/**
 * W1's request and its check, shared by bench/run.ts (W1: `n8n execute`) and bench/queue.ts (W9:
 * four W1 executions at once in queue mode): every transcript of a 500-call window, as text with
 * speaker names, from this package's Gong node.
 */
import type { GongStandIn, StandInCall } from '../test/stand-in/gong-stand-in';
import { expectedText } from '../test/support/expected';

export const WINDOW_START = '2026-03-02T08:00:00Z';
export const WINDOW = { fromDateTime: WINDOW_START, toDateTime: '2026-12-31T00:00:00Z' };

/** Every call with a transcript, by id. */
export const withTranscript = (standIn: GongStandIn): Map<string, StandInCall> =>
	new Map(standIn.calls.filter((call) => call.transcript?.length).map((call) => [call.metaData.id, call]));

/** The parameters of W1's Gong node (this package's): Transcript → Get Many, the whole window, as text. */
export const W1_TRANSCRIPTS = {
	resource: 'transcript',
	operation: 'getAll',
	returnAll: true,
	filters: WINDOW,
	outputFormat: 'text',
};

/** W1's check of this package's output: every call with a transcript there, with the expected text. */
export function transcriptsComplete(items: Array<Record<string, unknown>>, standIn: GongStandIn): string | true {
	const expected = withTranscript(standIn);
	const got = items.filter((item) => expected.has(String(item.callId)));
	if (got.length !== expected.size) return `${got.length} of ${expected.size} transcripts`;
	const wrong = got.filter((item) => item.transcript !== expectedText(expected.get(String(item.callId))!));
	return wrong.length ? `${wrong.length} transcripts differ from the expected text` : true;
}
