import { DateTime, FixedOffsetZone } from 'luxon';

import type {
	StandInActionItem,
	StandInCall,
	StandInComment,
	StandInContent,
	StandInContext,
	StandInInteraction,
	StandInMonologue,
	StandInParty,
	StandInTracker,
	StandInTrackerOccurrence,
	StandInUser,
	StandInWorkspace,
} from './types';

/** Deterministic PRNG (mulberry32): same seed, same data. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const COMPANY_NAME = 'Acme Robotics';
export const COMPANY_DOMAIN = 'acme-robotics.com';

const FIRST_NAMES = [
	'Olivia',
	'Liam',
	'Emma',
	'Noah',
	'Ava',
	'Mateo',
	'Sophia',
	'Lucas',
	'Mia',
	'Ethan',
	'Priya',
	'Kenji',
	'Amara',
	'Jonas',
	'Fatima',
	'Diego',
	'Hannah',
	'Oscar',
	'Chloe',
	'Ravi',
	'Ingrid',
	'Marcus',
	'Leila',
	'Tomás',
	'Grace',
	'Samuel',
	'Yuki',
	'Elena',
	'Kwame',
	'Nora',
];

const LAST_NAMES = [
	'Johnson',
	'Garcia',
	'Chen',
	'Müller',
	'Okafor',
	'Rossi',
	'Patel',
	'Nguyen',
	'Schmidt',
	'Silva',
	'Kowalski',
	'Andersson',
	"O'Brien",
	'Tanaka',
	'Haddad',
	'Moreau',
	'Novak',
	'Fischer',
	'Ibrahim',
	'Larsen',
	'Walker',
	'Santos',
	'Kim',
	'Dubois',
	'Bianchi',
	'Yilmaz',
	'Murphy',
	'Costa',
	'Lopez',
	'Weber',
];

const REP_TITLES = [
	'Account Executive',
	'Senior Account Executive',
	'Sales Development Representative',
	'Solutions Engineer',
	'Customer Success Manager',
	'Enterprise Account Executive',
];

const CUSTOMER_TITLES = [
	'VP of Operations',
	'Director of IT',
	'Head of Procurement',
	'CTO',
	'Operations Manager',
	'Plant Manager',
	'Supply Chain Lead',
	'CFO',
];

const CUSTOMERS: { name: string; domain: string; industry: string; employees: number }[] = [
	{ name: 'Globex Logistics', domain: 'globex-logistics.com', industry: 'Logistics', employees: 2400 },
	{ name: 'Initech Foods', domain: 'initechfoods.com', industry: 'Food & Beverage', employees: 850 },
	{ name: 'Umbrella Pharma', domain: 'umbrella-pharma.com', industry: 'Pharmaceuticals', employees: 12000 },
	{ name: 'Stark Packaging', domain: 'starkpackaging.com', industry: 'Packaging', employees: 430 },
	{ name: 'Wayne Automotive', domain: 'wayne-auto.com', industry: 'Automotive', employees: 5600 },
	{ name: 'Hooli Devices', domain: 'hoolidevices.com', industry: 'Electronics', employees: 3100 },
	{ name: 'Vandelay Imports', domain: 'vandelay-imports.com', industry: 'Wholesale', employees: 210 },
	{ name: 'Soylent Nutrition', domain: 'soylent-nutrition.com', industry: 'Food & Beverage', employees: 640 },
	{ name: 'Tyrell Components', domain: 'tyrellcomponents.com', industry: 'Manufacturing', employees: 1900 },
	{ name: 'Cyberdyne Metals', domain: 'cyberdyne-metals.com', industry: 'Metals', employees: 980 },
	{ name: 'Wonka Confectionery', domain: 'wonka-sweets.com', industry: 'Food & Beverage', employees: 1500 },
	{ name: 'Massive Dynamic', domain: 'massivedynamic.com', industry: 'Industrial', employees: 7800 },
];

const CALL_TYPES = [
	'Discovery',
	'Product Demo',
	'Pricing Review',
	'Technical Deep Dive',
	'Negotiation',
	'Onboarding Kickoff',
];

const PHASES = ['Call Setup', 'Small Talk', 'Discovery', 'Product Demo', 'Pricing', 'Next Steps'] as const;
type Phase = (typeof PHASES)[number];

const PHRASES: Record<Phase, { rep: string[]; customer: string[] }> = {
	'Call Setup': {
		rep: [
			'Hi everyone, thanks for making the time today.',
			'Can you all hear me okay?',
			"I'll share my screen in just a second.",
			'Before we start, is it okay if I record this call for my notes?',
		],
		customer: [
			'Yes, we can hear you fine.',
			'Thanks for having us.',
			'Sorry, I was a couple of minutes late, my last meeting ran over.',
			'Sure, recording is fine with us.',
		],
	},
	'Small Talk': {
		rep: [
			'How was the trade show last week?',
			'I saw you just opened the new warehouse in Rotterdam, congratulations.',
			'Is the weather any better on your side today?',
		],
		customer: [
			'It was busy, but we met a lot of good vendors.',
			'Thanks, it has been a hectic quarter for the whole team.',
			'Not really, it has been raining all week.',
		],
	},
	Discovery: {
		rep: [
			'What does your current process look like today?',
			'How many people are on the operations team?',
			'What made you start looking at automation this quarter?',
			'Who else is involved in evaluating this?',
			'What happens when the line goes down today?',
		],
		customer: [
			'Right now we do most of it manually in spreadsheets.',
			'We have about forty people across two shifts.',
			'Our biggest problem is unplanned downtime on the packaging line.',
			'Honestly, the weekly reporting takes us a full day.',
			'Our CFO wants to see a clear payback period before we commit.',
		],
	},
	'Product Demo': {
		rep: [
			'Let me show you how the dashboard flags a jam before it stops the line.',
			'This view shows every robot cell with its uptime for the last thirty days.',
			'You can set alerts per shift, so the night crew only gets what matters to them.',
			'The integration with your ERP runs every fifteen minutes.',
		],
		customer: [
			'Can it connect to the older controllers we have on line three?',
			'That alert view is exactly what our supervisors have been asking for.',
			'How long does a typical rollout take?',
			'Does it work if the plant loses internet for an hour?',
		],
	},
	Pricing: {
		rep: [
			'Pricing is per robot cell, and the first year includes onboarding.',
			'For twelve cells you would be looking at roughly ninety thousand a year.',
			'We can offer a discount if you sign a two-year agreement.',
			'The budget question usually comes up with procurement, so let me send the breakdown.',
		],
		customer: [
			'That is a bit above the budget we had in mind.',
			'We are also talking to a competitor, so we need to compare the price.',
			'Would the discount still apply if we start with six cells?',
			'Procurement will want to see the contract terms first.',
		],
	},
	'Next Steps': {
		rep: [
			"I'll send over the proposal and the security questionnaire by Friday.",
			'Let us schedule a technical session with your IT team next week.',
			"I'll set up a pilot on line three so you can see real numbers.",
			'Can we pencil in a follow-up call for next Tuesday?',
		],
		customer: [
			'Sounds good, send the proposal to me and I will loop in procurement.',
			'Next Tuesday works for us.',
			'We need to present this to the leadership team at the end of the month.',
			'Please include the case study from the automotive customer.',
		],
	},
};

const UNKNOWN_SPEAKER_LINES = [
	'Sorry, just joining from the car, please go ahead.',
	'Hi, this is the front desk, I am transferring you now.',
	'Can you repeat the last part? You cut out for a second.',
];

const TRACKERS: { name: string; type: 'KEYWORD' | 'SMART'; phrases: string[]; phase?: Phase }[] = [
	{ name: 'Pricing', type: 'KEYWORD', phrases: ['price', 'pricing', 'budget', 'discount'] },
	{ name: 'Competitors', type: 'KEYWORD', phrases: ['competitor'] },
	{ name: 'Integration', type: 'KEYWORD', phrases: ['integration', 'ERP', 'controllers'] },
	{ name: 'Next Steps', type: 'SMART', phrases: [], phase: 'Next Steps' },
];

const OUTCOMES = [
	{ id: '1', category: 'Answered', name: 'Meeting booked' },
	{ id: '2', category: 'Answered', name: 'Demo completed' },
	{ id: '3', category: 'Answered', name: 'Proposal requested' },
	{ id: '4', category: 'Not answered', name: 'No show' },
];

const STAGES = ['Qualification', 'Discovery', 'Proposal', 'Negotiation', 'Closed Won'];

export interface GeneratedCall {
	call: StandInCall;
	/** Always generated, even when the call starts with transcript null ("not ready yet"). */
	transcript: StandInMonologue[];
}

export interface CallPlan {
	startedMs: number;
	transcriptReady: boolean;
	unknownSpeaker: boolean;
}

/** Builds realistic, deterministic Gong data from a seed. */
export class GongDataGenerator {
	private readonly rng: () => number;

	private readonly usedIds = new Set<string>();

	private readonly userWorkspace = new Map<string, string>();

	private callCount = 0;

	/** The phase each generated monologue belongs to (its `topic` is sometimes null, like Gong's). */
	private readonly phaseOf = new WeakMap<StandInMonologue, Phase>();

	constructor(
		seed: number,
		private readonly utcOffsetMinutes: number,
	) {
		this.rng = mulberry32(seed);
	}

	/** ISO-8601 without milliseconds, in the company's offset ('Z' for UTC). */
	formatTime(ms: number): string {
		const zone = this.utcOffsetMinutes === 0 ? 'utc' : FixedOffsetZone.instance(this.utcOffsetMinutes);
		return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? '';
	}

	random(): number {
		return this.rng();
	}

	private int(min: number, max: number): number {
		return min + Math.floor(this.rng() * (max - min + 1));
	}

	private pick<T>(list: readonly T[]): T {
		return list[Math.floor(this.rng() * list.length)] as T;
	}

	/** A numeric id of `length` digits, unique within this generator. */
	id(length: number): string {
		for (;;) {
			let s = String(this.int(1, 9));
			while (s.length < length) s += String(this.int(0, 9));
			if (!this.usedIds.has(s)) {
				this.usedIds.add(s);
				return s;
			}
		}
	}

	reserveId(id: string): void {
		this.usedIds.add(id);
	}

	private alnum(length: number): string {
		const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
		let s = '';
		while (s.length < length) s += chars[Math.floor(this.rng() * chars.length)];
		return s;
	}

	workspaces(count: number): StandInWorkspace[] {
		const names = [
			['Sales North America', 'New business and expansion in the US and Canada'],
			['Sales EMEA', 'Europe, Middle East and Africa'],
			['Customer Success', 'Onboarding, renewals and QBRs'],
			['Sales APAC', 'Asia-Pacific'],
		];
		const out: StandInWorkspace[] = [];
		for (let i = 0; i < count; i++) {
			const [name, description] = names[i % names.length] as string[];
			out.push({
				id: this.id(19),
				name: i < names.length ? (name as string) : `${name as string} ${Math.floor(i / names.length) + 1}`,
				description: description as string,
			});
		}
		return out;
	}

	users(count: number, workspaces: StandInWorkspace[], startMs: number): StandInUser[] {
		const out: StandInUser[] = [];
		const usedEmails = new Set<string>();
		for (let i = 0; i < count; i++) {
			const firstName = FIRST_NAMES[(i * 7 + this.int(0, 2)) % FIRST_NAMES.length] as string;
			const lastName = LAST_NAMES[(i * 11 + this.int(0, 2)) % LAST_NAMES.length] as string;
			const local = `${firstName}.${lastName}`
				.normalize('NFD')
				.replace(/[^A-Za-z.]/g, '')
				.toLowerCase();
			let email = `${local}@${COMPANY_DOMAIN}`;
			for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${COMPANY_DOMAIN}`;
			usedEmails.add(email);
			const id = this.id(19);
			const created = startMs - this.int(30, 900) * 86_400_000 - this.int(0, 86_399) * 1000;
			const user: StandInUser = {
				id,
				emailAddress: email,
				created: this.formatTime(created),
				// The manager and most reps are active; every 9th user has left the company.
				active: i % 9 !== 8,
				emailAliases: [],
				trustedEmailAddress: null,
				firstName,
				lastName,
				title: i === 0 ? 'VP of Sales' : this.pick(REP_TITLES),
				extension: null,
				personalMeetingUrls: [`https://zoom.us/j/9${this.id(9)}`],
				settings: {
					webConferencesRecorded: true,
					preventWebConferenceRecording: false,
					telephonyCallsImported: i % 3 === 0,
					emailsImported: true,
					preventEmailImport: false,
					nonRecordedMeetingsImported: true,
					gongConnectEnabled: true,
				},
				managerId: i === 0 ? null : (out[0] as StandInUser).id,
				meetingConsentPageUrl: null,
				spokenLanguages: [{ language: 'en-US', primary: true }],
			};
			if (i % 4 !== 3) user.phoneNumber = `+1 415 555 ${String(1000 + i * 37).slice(-4)}`;
			out.push(user);
			const ws = workspaces.length ? (workspaces[i % workspaces.length] as StandInWorkspace).id : '';
			this.userWorkspace.set(id, ws);
		}
		return out;
	}

	/** One call with everything Gong would know about it. */
	call(plan: CallPlan, users: StandInUser[], workspaces: StandInWorkspace[]): GeneratedCall {
		const index = this.callCount++;
		const id = this.id(this.rng() < 0.5 ? 18 : 19);
		const reps = users.filter((u) => u.active);
		const primary = reps.length ? this.pick(reps) : undefined;
		const primaryUserId = primary?.id ?? this.id(19);
		const workspaceId =
			(primary && this.userWorkspace.get(primary.id)) ||
			(workspaces.length ? (workspaces[index % workspaces.length] as StandInWorkspace).id : this.id(19));
		const customer = this.pick(CUSTOMERS);
		const callType = this.pick(CALL_TYPES);
		const internalOnly = index % 15 === 14;
		const phone = !internalOnly && index % 7 === 3;
		const duration = this.int(10, 58) * 60 + this.int(0, 59);

		// Parties: the primary rep, sometimes a second rep, and 1-3 customers.
		const parties: StandInParty[] = [];
		const addInternal = (user: StandInUser | undefined): void => {
			parties.push({
				id: this.id(this.int(16, 19)),
				name: user ? `${user.firstName} ${user.lastName}` : 'Unknown Rep',
				emailAddress: user?.emailAddress,
				title: user?.title,
				userId: user?.id,
				speakerId: this.id(this.int(16, 19)),
				affiliation: 'Internal',
				methods: ['Invitee'],
				...(user?.phoneNumber ? { phoneNumber: user.phoneNumber } : {}),
			});
		};
		addInternal(primary);
		const others = reps.filter((u) => u !== primary);
		if (others.length && (internalOnly || this.rng() < 0.35)) addInternal(this.pick(others));
		const externals = internalOnly ? 0 : phone ? 1 : this.int(1, 3);
		for (let e = 0; e < externals; e++) {
			const firstName = this.pick(FIRST_NAMES);
			const lastName = this.pick(LAST_NAMES);
			const local = `${firstName[0] ?? 'x'}${lastName}`
				.normalize('NFD')
				.replace(/[^A-Za-z]/g, '')
				.toLowerCase();
			parties.push({
				id: this.id(this.int(16, 19)),
				name: `${firstName} ${lastName}`,
				emailAddress: `${local}@${customer.domain}`,
				title: this.pick(CUSTOMER_TITLES),
				speakerId: this.id(this.int(16, 19)),
				affiliation: 'External',
				methods: [phone ? 'Attendee' : 'Invitee'],
				...(phone ? { phoneNumber: `+1 312 555 ${String(this.int(1000, 9999))}` } : {}),
			});
		}

		const transcript = this.transcript(parties, plan.unknownSpeaker);
		const system = phone ? 'Aircall' : this.pick(['Zoom', 'Zoom', 'Google Meet', 'Microsoft Teams']);
		const meetingUrl = phone
			? null
			: system === 'Zoom'
				? `https://zoom.us/j/9${this.id(9)}`
				: system === 'Google Meet'
					? `https://meet.google.com/${this.alnum(3)}-${this.alnum(4)}-${this.alnum(3)}`
					: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${this.alnum(24)}%40thread.v2/0`;
		const video = !phone && this.rng() < 0.8;
		const title = internalOnly
			? `${COMPANY_NAME} deal review - ${customer.name}`
			: phone
				? `Call with ${customer.name}`
				: `${customer.name} <> ${COMPANY_NAME} | ${callType}`;
		const scheduledMs = plan.startedMs - this.int(0, 4) * 60_000;

		const call: StandInCall = {
			metaData: {
				id,
				url: `https://app.gong.io/call?id=${id}`,
				title,
				scheduled: this.formatTime(scheduledMs),
				started: this.formatTime(plan.startedMs),
				duration,
				primaryUserId,
				direction: phone ? 'Outbound' : 'Conference',
				system,
				scope: internalOnly ? 'Internal' : 'External',
				media: video ? 'Video' : 'Audio',
				language: 'eng',
				workspaceId,
				sdrDisposition: phone ? 'Connected' : null,
				clientUniqueId: phone ? `aircall-${this.id(10)}` : null,
				customData: null,
				purpose: internalOnly ? 'Deal review' : callType,
				meetingUrl,
				isPrivate: index % 23 === 22,
				calendarEventId: phone ? null : `${this.alnum(26)}`,
			},
			parties,
			content: this.content(transcript, parties, customer.name, callType, index, duration),
			context: this.context(customer),
			interaction: this.interaction(transcript, parties, duration, video),
			collaboration: { publicComments: this.comments(users, plan.startedMs, duration) },
			media: {
				audioUrl: `https://gong-prod-media.s3.amazonaws.com/calls/${id}/audio.mp3?X-Amz-Expires=28800&X-Amz-Signature=${this.alnum(32)}`,
				videoUrl: video
					? `https://gong-prod-media.s3.amazonaws.com/calls/${id}/video.mp4?X-Amz-Expires=28800&X-Amz-Signature=${this.alnum(32)}`
					: null,
			},
			transcript: plan.transcriptReady ? transcript : null,
		};
		return { call, transcript };
	}

	/** Monologues alternating between the parties; optionally one by a speaker who is no party. */
	transcript(parties: StandInParty[], unknownSpeaker: boolean): StandInMonologue[] {
		const speakers = parties.length >= 2 ? parties : [...parties, ...parties];
		const count = this.int(6, 12);
		const monologues: StandInMonologue[] = [];
		let t = this.int(500, 4000);
		let previous = -1;
		for (let m = 0; m < count; m++) {
			const phase = PHASES[Math.floor((m * PHASES.length) / count)] as Phase;
			let who = m === 0 ? 0 : this.int(0, speakers.length - 1);
			if (who === previous) who = (who + 1) % speakers.length;
			previous = who;
			const party = speakers[who] as StandInParty;
			const bank = party.affiliation === 'Internal' ? PHRASES[phase].rep : PHRASES[phase].customer;
			const sentences = [];
			const n = this.int(1, 3);
			const unused = [...bank];
			for (let s = 0; s < n && unused.length; s++) {
				const text = unused.splice(Math.floor(this.rng() * unused.length), 1)[0] as string;
				const start = t;
				const end = start + 900 + text.length * 55 + this.int(0, 800);
				sentences.push({ start, end, text });
				t = end + this.int(150, 1200);
			}
			const monologue: StandInMonologue = {
				speakerId: party.speakerId,
				topic: this.rng() < 0.15 ? null : phase,
				sentences,
			};
			this.phaseOf.set(monologue, phase);
			monologues.push(monologue);
		}
		if (unknownSpeaker) {
			const at = Math.max(1, Math.floor(monologues.length / 2));
			const before = monologues[at - 1] as StandInMonologue;
			const lastEnd = (before.sentences[before.sentences.length - 1] as { end: number }).end;
			const text = this.pick(UNKNOWN_SPEAKER_LINES);
			const start = lastEnd + 300;
			const inserted: StandInMonologue = {
				speakerId: this.id(17),
				topic: before.topic,
				sentences: [{ start, end: start + 900 + text.length * 55, text }],
			};
			// Shift what follows so times stay increasing.
			const shift = (inserted.sentences[0] as { end: number }).end + 300 - lastEnd;
			for (const later of monologues.slice(at)) {
				for (const s of later.sentences) {
					s.start += shift;
					s.end += shift;
				}
			}
			monologues.splice(at, 0, inserted);
		}
		return monologues;
	}

	private content(
		transcript: StandInMonologue[],
		parties: StandInParty[],
		customerName: string,
		callType: string,
		index: number,
		duration: number,
	): StandInContent {
		const phaseTimes = new Map<string, { start: number; end: number; first: string }>();
		const phaseOf = (m: StandInMonologue): string | undefined => this.phaseOf.get(m) ?? m.topic ?? undefined;
		for (const m of transcript) {
			const phase = phaseOf(m) ?? 'Other';
			const first = m.sentences[0];
			const last = m.sentences[m.sentences.length - 1];
			if (!first || !last) continue;
			const known = phaseTimes.get(phase);
			if (known) known.end = last.end;
			else phaseTimes.set(phase, { start: first.start, end: last.end, first: first.text });
		}
		const seconds = (ms: number): number => Math.round(ms / 100) / 10;
		const topics = [...phaseTimes.entries()]
			.filter(([name]) => name !== 'Other')
			.map(([name, t]) => ({ name, duration: Math.round((t.end - t.start) / 1000) }));

		const trackers: StandInTracker[] = TRACKERS.map((def, i) => {
			const occurrences: StandInTrackerOccurrence[] = [];
			const phrases = def.phrases.map((phrase) => ({
				phrase,
				count: 0,
				occurrences: [] as StandInTrackerOccurrence[],
			}));
			for (const m of transcript) {
				for (const s of m.sentences) {
					const lower = s.text.toLowerCase();
					if (def.phase) {
						if (phaseOf(m) === def.phase) occurrences.push({ startTime: seconds(s.start), speakerId: m.speakerId });
						continue;
					}
					let hit = false;
					for (const p of phrases) {
						if (lower.includes(p.phrase.toLowerCase())) {
							p.count++;
							p.occurrences.push({ startTime: seconds(s.start), speakerId: m.speakerId });
							hit = true;
						}
					}
					if (hit) occurrences.push({ startTime: seconds(s.start), speakerId: m.speakerId });
				}
			}
			return {
				id: String(8_100_000_000_000_000_000n + BigInt(i * 7919)),
				name: def.name,
				count: occurrences.length,
				type: def.type,
				occurrences,
				phrases: phrases.filter((p) => p.count > 0),
			};
		});

		const internal = new Set(parties.filter((p) => p.affiliation === 'Internal').map((p) => p.speakerId));
		const actionItems: StandInActionItem[] = [];
		for (const m of transcript) {
			if (phaseOf(m) !== 'Next Steps' || !internal.has(m.speakerId)) continue;
			for (const s of m.sentences) {
				actionItems.push({
					snippetStartTime: seconds(s.start),
					snippetEndTime: seconds(s.end),
					speakerID: m.speakerId,
					snippet: s.text,
				});
			}
		}

		const rep = parties.find((p) => p.affiliation === 'Internal');
		const contact = parties.find((p) => p.affiliation === 'External');
		const topicNames = topics.map((t) => t.name.toLowerCase());
		const brief =
			`${contact ? `${contact.name} from ${customerName}` : 'The team'} met with ${rep?.name ?? 'the account team'} ` +
			`for a ${callType.toLowerCase()} call. They covered ${topicNames.slice(0, 3).join(', ') || 'the agenda'}. ` +
			`${actionItems.length ? 'The rep committed to concrete next steps.' : 'No firm next steps were agreed.'}`;

		const outline = [...phaseTimes.entries()].map(([section, t]) => ({
			section,
			startTime: seconds(t.start),
			duration: seconds(t.end - t.start),
			items: [{ text: t.first, startTime: seconds(t.start) }],
		}));

		const highlights = [
			{
				title: 'Next steps',
				items: actionItems.slice(0, 2).map((a) => ({ text: a.snippet, startTimes: [a.snippetStartTime] })),
			},
			{
				title: 'Pain points',
				items: [{ text: 'Manual reporting and unplanned downtime slow the operations team down.', startTimes: [] }],
			},
		].filter((h) => h.items.length > 0);

		return {
			structure: [
				{ name: 'Introduction', duration: Math.round(duration * 0.1) },
				{ name: 'Discovery', duration: Math.round(duration * 0.35) },
				{ name: 'Demo', duration: Math.round(duration * 0.4) },
				{ name: 'Next Steps', duration: Math.round(duration * 0.15) },
			],
			topics,
			trackers,
			pointsOfInterest: { actionItems },
			brief,
			outline,
			highlights,
			callOutcome: index % 6 === 5 ? null : (this.pick(OUTCOMES) as { id: string; category: string; name: string }),
			keyPoints: [
				{ text: `${customerName} is evaluating automation to reduce downtime.` },
				{ text: 'Budget approval sits with the CFO and procurement.' },
				...(actionItems.length ? [{ text: 'A follow-up with the IT team is planned.' }] : []),
			],
		};
	}

	private context(customer: (typeof CUSTOMERS)[number]): StandInContext[] {
		const sfId = (prefix: string): string => `${prefix}${this.alnum(15).toUpperCase()}`;
		const stage = this.pick(STAGES);
		return [
			{
				system: 'Salesforce',
				objects: [
					{
						objectType: 'Account',
						objectId: sfId('001'),
						timing: 'Now',
						fields: [
							{ name: 'Name', value: customer.name },
							{ name: 'Industry', value: customer.industry },
							{ name: 'Website', value: `https://www.${customer.domain}` },
							{ name: 'NumberOfEmployees', value: customer.employees },
						],
					},
					{
						objectType: 'Opportunity',
						objectId: sfId('006'),
						timing: 'TimeOfCall',
						fields: [
							{ name: 'Name', value: `${customer.name} - Robot cells` },
							{ name: 'StageName', value: stage },
							{ name: 'Amount', value: this.int(20, 400) * 1000 },
							{ name: 'Probability', value: (STAGES.indexOf(stage) + 1) * 20 },
							{ name: 'IsClosed', value: stage === 'Closed Won' },
						],
					},
				],
			},
		];
	}

	private interaction(
		transcript: StandInMonologue[],
		parties: StandInParty[],
		duration: number,
		video: boolean,
	): StandInInteraction {
		const talk = new Map<string, number>();
		let questionsInternal = 0;
		let questionsExternal = 0;
		const internal = new Set(parties.filter((p) => p.affiliation === 'Internal').map((p) => p.speakerId));
		for (const m of transcript) {
			for (const s of m.sentences) {
				talk.set(m.speakerId, (talk.get(m.speakerId) ?? 0) + (s.end - s.start));
				if (s.text.endsWith('?')) {
					if (internal.has(m.speakerId)) questionsInternal++;
					else questionsExternal++;
				}
			}
		}
		const speakers = [...talk.entries()].map(([speakerId, ms]) => {
			const party = parties.find((p) => p.speakerId === speakerId);
			return {
				id: speakerId,
				...(party?.userId ? { userId: party.userId } : {}),
				talkTime: Math.round(ms / 100) / 10,
			};
		});
		const totalTalk = [...talk.values()].reduce((a, b) => a + b, 0) || 1;
		const repTalk = [...talk.entries()].filter(([k]) => internal.has(k)).reduce((a, [, v]) => a + v, 0);
		return {
			speakers,
			interactionStats: [
				{ name: 'Talk Ratio', value: Math.round((repTalk / totalTalk) * 100) / 100 },
				{ name: 'Longest Monologue', value: this.int(30, 180) },
				{ name: 'Longest Customer Story', value: this.int(10, 120) },
				{ name: 'Interactivity', value: Math.round(this.rng() * 100) / 10 },
				{ name: 'Patience', value: Math.round(this.rng() * 20) / 10 },
				{ name: 'Question Rate', value: Math.round(this.rng() * 30) / 10 },
			],
			video: video
				? [
						{ name: 'Browser', duration: Math.round(duration * 0.2) },
						{ name: 'Presentation', duration: Math.round(duration * 0.3) },
						{ name: 'WebcamPrimaryUser', duration: Math.round(duration * 0.4) },
						{ name: 'WebcamNonCompany', duration: Math.round(duration * 0.35) },
					]
				: [],
			questions: { companyCount: questionsInternal, nonCompanyCount: questionsExternal },
		};
	}

	private comments(users: StandInUser[], startedMs: number, duration: number): StandInComment[] {
		const n = users.length ? this.int(0, 2) : 0;
		const out: StandInComment[] = [];
		const texts = [
			'Great discovery questions here.',
			'We should bring in a solutions engineer for the controller question.',
			'Pricing objection: follow up with the ROI calculator.',
		];
		for (let i = 0; i < n; i++) {
			const at = this.int(30, Math.max(31, duration - 30));
			out.push({
				id: this.id(19),
				audioStartTime: at,
				audioEndTime: at + this.int(5, 40),
				commenterUserId: this.pick(users).id,
				comment: this.pick(texts),
				posted: this.formatTime(startedMs + (duration + this.int(600, 86_400)) * 1000),
				inReplyTo: i > 0 && out[0] ? out[0].id : null,
				duringCall: false,
			});
		}
		return out;
	}
}
