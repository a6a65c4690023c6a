/**
 * JSON.parse that keeps integers beyond 2^53 as text. Gong's int64 ids (scorecards, answered
 * scorecards, questions, workspaces, integrations) can exceed what a JavaScript number holds, and
 * JSON.parse would silently change their last digits: such an integer is quoted before parsing.
 * Smaller integers stay numbers; the record checks turn id fields into strings either way.
 */
const STRING_OR_LONG_INTEGER = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/g;
/** Where a long integer could start a value; quoted ids (calls, users) never match. */
const MAYBE_LONG_INTEGER = /[:[,]\s*-?\d{16}/;

export function parseJson(text: string): unknown {
	// The quoting pass costs about three JSON.parse: run it only for a body that may need it.
	if (!MAYBE_LONG_INTEGER.test(text)) return JSON.parse(text) as unknown;
	const safe = text.replace(STRING_OR_LONG_INTEGER, (token) =>
		token.startsWith('"') || Number.isSafeInteger(Number(token)) ? token : `"${token}"`,
	);
	return JSON.parse(safe) as unknown;
}
