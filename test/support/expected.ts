import type { StandInCall } from '../stand-in/gong-stand-in';

/**
 * What a reader expects of a plain-text transcript, computed from the stand-in's data: one
 * "Name: text" line per turn, names from the call's parties, unmatched speakers numbered.
 */
export function expectedText(call: StandInCall): string {
	const names = new Map(call.parties.map((party) => [party.speakerId, party.name]));
	const unknown = new Map<string, string>();
	const lines: Array<{ speaker: string; text: string }> = [];
	for (const monologue of call.transcript ?? []) {
		let name = names.get(monologue.speakerId);
		if (!name) {
			if (!unknown.has(monologue.speakerId)) unknown.set(monologue.speakerId, `Unknown speaker ${unknown.size + 1}`);
			name = unknown.get(monologue.speakerId)!;
		}
		const text = monologue.sentences.map((sentence) => sentence.text).join(' ');
		const last = lines[lines.length - 1];
		if (last?.speaker === monologue.speakerId) last.text += ` ${text}`;
		else lines.push({ speaker: monologue.speakerId, text: `${name}: ${text}` });
	}
	return lines.map((line) => line.text).join('\n');
}
