/** The first `limit` records (all of them without a limit): for endpoints Gong does not page. */
export function upTo<T>(records: T[], limit: number | undefined): T[] {
	return limit === undefined ? records : records.slice(0, limit);
}
