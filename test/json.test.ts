import { describe, expect, it } from 'vitest';

import { parseJson } from '../nodes/shared/transport/json';

describe('parseJson (int64 ids beyond 2^53)', () => {
	it('keeps integers a JavaScript number cannot hold as their exact digits', () => {
		const body = parseJson(
			'{"answeredScorecardId": 9223372036854775807, "scorecardId":-1234567890123456789,"ids":[5503391223912567019, 7]}',
		);
		expect(body).toEqual({
			answeredScorecardId: '9223372036854775807',
			scorecardId: '-1234567890123456789',
			ids: ['5503391223912567019', 7],
		});
	});

	it('leaves safe integers, decimals, exponents and text alone', () => {
		const text =
			'{"ok":9007199254740991,"f":1.1234567890123456789,"e":12345678901234567e3,"s":"a:12345678901234567890 \\"x\\"","t":[true,null]}';
		expect(parseJson(text)).toEqual(JSON.parse(text));
	});

	it('is JSON.parse for a body without long integers (the fast path) and throws on broken JSON', () => {
		expect(parseJson('{"callId":"7782342274025937895"}')).toEqual({ callId: '7782342274025937895' });
		expect(() => parseJson('{"a": 12345678901234567890')).toThrow(SyntaxError);
	});
});
