/** A JSON object (not null, not an array): the one check every reader of Gong's answers uses. */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
