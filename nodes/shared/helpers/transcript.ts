import type { IDataObject } from 'n8n-workflow';

import type { GongCallMetaData, GongMonologue, GongParty } from './interfaces';

export type TranscriptFormat = 'structured' | 'text';

export interface ResolvedSpeaker extends IDataObject {
	speakerId: string;
	name: string;
	emailAddress: string | null;
	affiliation: string;
	userId: string | null;
	title: string | null;
	/** False when no participant of the call carries this speaker id. */
	identified: boolean;
}

/**
 * Gong's transcript carries only speaker ids; names come from the call's parties. A speaker with
 * no matching party is labelled "Unknown speaker N" (numbered per call), never an error.
 */
export function resolveSpeakers(monologues: GongMonologue[], parties: GongParty[] = []): Map<string, ResolvedSpeaker> {
	const bySpeakerId = new Map<string, GongParty>();
	for (const party of parties) if (party.speakerId) bySpeakerId.set(String(party.speakerId), party);
	const speakers = new Map<string, ResolvedSpeaker>();
	let unknown = 0;
	for (const { speakerId } of monologues) {
		const id = String(speakerId);
		if (speakers.has(id)) continue;
		const party = bySpeakerId.get(id);
		speakers.set(
			id,
			party
				? {
						speakerId: id,
						name: party.name || party.emailAddress || `Unknown speaker ${++unknown}`,
						emailAddress: party.emailAddress ?? null,
						affiliation: party.affiliation ?? 'Unknown',
						userId: party.userId ?? null,
						title: party.title ?? null,
						identified: true,
					}
				: {
						speakerId: id,
						name: `Unknown speaker ${++unknown}`,
						emailAddress: null,
						affiliation: 'Unknown',
						userId: null,
						title: null,
						identified: false,
					},
		);
	}
	return speakers;
}

function clock(ms: number): string {
	const total = Math.floor(ms / 1000);
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const mm = String(m).padStart(2, '0');
	const ss = String(s).padStart(2, '0');
	return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

function callHeader(callId: string, meta: GongCallMetaData | undefined): IDataObject {
	return {
		callId,
		title: meta?.title ?? null,
		started: meta?.started ?? null,
		duration: meta?.duration ?? null,
		url: meta?.url ?? null,
	};
}

/**
 * A transcript cut to `max` characters at the last line end before it (mid-line only when a single
 * line is longer than half of it), with a note saying what was left out: an agent must not take a
 * part for the whole call.
 */
export function capText(text: string, max: number): { transcript: string; truncated: boolean; characters: number } {
	if (text.length <= max) return { transcript: text, truncated: false, characters: text.length };
	const lineEnd = text.lastIndexOf('\n', max);
	const cut = lineEnd > max / 2 ? lineEnd : max;
	const shown = text.slice(0, cut);
	return {
		transcript: `${shown}\n[Transcript truncated: the first ${shown.length} of ${text.length} characters are shown; the rest of the call is left out.]`,
		truncated: true,
		characters: text.length,
	};
}

/** One output item for one call's transcript, speakers resolved, in the chosen format. */
export function shapeTranscript(
	callId: string,
	monologues: GongMonologue[],
	meta: GongCallMetaData | undefined,
	parties: GongParty[] | undefined,
	format: TranscriptFormat,
	options: { timestamps?: boolean; maxCharacters?: number } = {},
): IDataObject {
	const speakers = resolveSpeakers(monologues, parties);
	const header = { ...callHeader(callId, meta), speakers: [...speakers.values()] };
	if (format === 'text') {
		// One line per turn ("Name: what they said"); consecutive monologues of one speaker are one turn.
		const lines: string[] = [];
		let lastSpeaker: string | undefined;
		for (const monologue of monologues) {
			if (!monologue.sentences?.length) continue;
			const text = monologue.sentences.map((sentence) => sentence.text).join(' ');
			const id = String(monologue.speakerId);
			if (id === lastSpeaker) {
				lines[lines.length - 1] += ` ${text}`;
				continue;
			}
			const stamp = options.timestamps ? `[${clock(monologue.sentences[0].start)}] ` : '';
			lines.push(`${stamp}${speakers.get(id)?.name ?? 'Unknown speaker'}: ${text}`);
			lastSpeaker = id;
		}
		const text = lines.join('\n');
		if (options.maxCharacters === undefined) return { ...header, transcript: text };
		return { ...header, ...capText(text, options.maxCharacters) };
	}
	return {
		...header,
		monologues: monologues.map((monologue) => {
			const speaker = speakers.get(String(monologue.speakerId));
			const sentences = monologue.sentences ?? [];
			return {
				speakerId: String(monologue.speakerId),
				speakerName: speaker?.name ?? 'Unknown speaker',
				speakerEmail: speaker?.emailAddress ?? null,
				affiliation: speaker?.affiliation ?? 'Unknown',
				userId: speaker?.userId ?? null,
				topic: monologue.topic ?? null,
				start: sentences[0]?.start ?? null,
				end: sentences[sentences.length - 1]?.end ?? null,
				text: sentences.map((sentence) => sentence.text).join(' '),
				sentences,
			};
		}),
	};
}
