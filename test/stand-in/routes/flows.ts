/**
 * Engage flows. Read side: GET /v2/flows, GET /v2/flows/folders, POST /v2/flows/steps and
 * POST /v2/flows/prospects, all under api:flows:read. Flows, folders, prospects (CRM contacts and
 * leads, taken from the calls' external parties) and flow instances are generated lazily per
 * stand-in, deterministically, from gong.users / gong.workspaces / gong.calls.
 * Write side [api:flows:write]: POST /v2/flows/prospects/assign (and its deprecated
 * /assign/cool-off-override twin), the asynchronous POST /v2/flows/prospects/bulk-assignments (polled
 * with GET …/bulk-assignments/{id} under api:flows:read), and POST …/unassign-flows-by-crm-id and
 * …/unassign-flows-by-instance-id. New instances go into the same store, so the reads see them.
 */
import { randomUUID } from 'crypto';
import type express from 'express';
import type { Request, Response } from 'express';

import { mulberry32 } from '../data';
import type { GongStandIn } from '../gong-stand-in';
import { HttpError, asRecord, bad, compareIds, isBlank, queryString } from '../http';
import type { StandInUser } from '../types';

export type FlowVisibility = 'Company' | 'Personal' | 'Shared';

export type FlowStepAction =
	| 'SEND_EMAIL'
	| 'AUTO_SEND_EMAIL'
	| 'CALL'
	| 'LINKEDIN_CONNECT'
	| 'LINKEDIN_MESSAGE'
	| 'CUSTOM';

export type FlowInstanceStatus = 'Pending' | 'Running' | 'Paused' | 'FinishedNoReply' | 'FinishedResponse' | 'Finished';

/** Instances still "open" (what a lookup by CRM id returns). */
export const OPEN_FLOW_INSTANCE_STATUSES: readonly FlowInstanceStatus[] = ['Pending', 'Running', 'Paused'];

export interface StandInFlowFolder {
	id: string;
	name: string;
	/** null for a top-level folder. */
	parentId: string | null;
	workspaceId: string;
	visibility: FlowVisibility;
	/** null for company folders. */
	ownerUserId: string | null;
	/** Users a Shared folder is shared with (besides its owner). */
	sharedWithUserIds: string[];
	creationDate: string;
}

export interface StandInFlowStep {
	id: string;
	/** 1-based. */
	stepOrder: number;
	action: FlowStepAction;
	/** Email steps only; null otherwise (left out of the answer). */
	subject: string | null;
	body: string;
	isReply: boolean;
}

export interface StandInFlow {
	id: string;
	name: string;
	folderId: string;
	folderName: string;
	visibility: FlowVisibility;
	creationDate: string;
	exclusive: boolean;
	workspaceId: string;
	/** null for company flows. */
	ownerUserId: string | null;
	/** Users a Shared flow is shared with (besides its owner). */
	sharedWithUserIds: string[];
	description: string;
	steps: StandInFlowStep[];
}

/** A CRM contact or lead: what Engage calls a prospect. */
export interface StandInProspect {
	/** Salesforce-style id: 003… for contacts, 00Q… for leads. */
	crmId: string;
	type: 'CONTACT' | 'LEAD';
	firstName: string;
	lastName: string;
	emailAddress: string;
	title: string;
	companyName: string;
	phoneNumber: string | null;
	/** The Salesforce account (001…) of the prospect's company. */
	accountCrmId: string;
}

/** A flow instance, stored exactly as /v2/flows/prospects returns it (PublicApiAssignedFlow). */
export interface StandInFlowInstance {
	flowId: string;
	flowName: string;
	crmProspectId: string;
	flowInstanceId: string;
	flowInstanceOwnerEmail: string;
	flowInstanceOwnerFullName: string;
	flowInstanceCreateDate: string;
	flowInstanceStatus: FlowInstanceStatus;
	workspaceId: string;
	exclusive: boolean;
}

interface FlowData {
	folders: StandInFlowFolder[];
	flows: StandInFlow[];
	prospects: StandInProspect[];
	instances: StandInFlowInstance[];
}

const SEED = 0x0f10_5eed;
const DAY = 86_400_000;
const MAX_STEP_FLOW_IDS = 20;
const MOST_RECENTLY_ASSIGNED_CAP = 20;
/** Company flows in all; each user also owns PERSONAL_FLOWS_PER_USER (the last 3 of them Shared). */
const COMPANY_FLOWS = 130;
const PERSONAL_FLOWS_PER_USER = 10;

const store = new WeakMap<GongStandIn, FlowData>();

/** Every flow (company, personal and shared), in creation order. The array is live: push to add. */
export function flowsOf(gong: GongStandIn): StandInFlow[] {
	return flowData(gong).flows;
}

export function flowFoldersOf(gong: GongStandIn): StandInFlowFolder[] {
	return flowData(gong).folders;
}

/** Every flow instance (open and finished). The array is live: push to add. */
export function flowInstancesOf(gong: GongStandIn): StandInFlowInstance[] {
	return flowData(gong).instances;
}

/** The CRM prospects (contacts and leads) flows are assigned to; tasks and data-privacy use them too. */
export function prospectsOf(gong: GongStandIn): StandInProspect[] {
	return flowData(gong).prospects;
}

/** A new CRM contact in no flow (`tag` keeps its CRM id and email apart from others'): for tests and the bench. */
export function addProspect(gong: GongStandIn, tag: string): StandInProspect {
	const slug = tag.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
	const prospect: StandInProspect = {
		crmId: `003${slug.padStart(15, '0').slice(-15)}`,
		type: 'CONTACT',
		firstName: 'Test',
		lastName: `Contact ${tag}`,
		emailAddress: `contact.${slug.toLowerCase()}@prospect.example`,
		title: 'Buyer',
		companyName: 'Prospect Inc',
		phoneNumber: null,
		accountCrmId: '0011U00001TEST0001',
	};
	if (prospectsOf(gong).some((known) => known.crmId === prospect.crmId)) throw new Error(`CRM id of "${tag}" taken`);
	prospectsOf(gong).push(prospect);
	return prospect;
}

/** The flows `user` sees: company flows plus their own and those shared with them. */
export function flowsVisibleTo(gong: GongStandIn, user: StandInUser): StandInFlow[] {
	return flowsOf(gong).filter((f) => visibleTo(f, user.id));
}

/** A Gong user by email address (case-insensitive, aliases too). */
export function userByEmail(gong: GongStandIn, email: string): StandInUser | undefined {
	const wanted = email.trim().toLowerCase();
	return gong.users.find(
		(u) => u.emailAddress.toLowerCase() === wanted || u.emailAliases.some((a) => a.toLowerCase() === wanted),
	);
}

// ---- generation ----------------------------------------------------------------------------------

export function isoTime(ms: number): string {
	return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** The first generated call's start (the stand-in's "now" for derived data), or 2026-01-05T09:00Z. */
export function dataAnchorMs(gong: GongStandIn): number {
	let min = Number.POSITIVE_INFINITY;
	for (const call of gong.calls) min = Math.min(min, Date.parse(call.metaData.started));
	return Number.isFinite(min) ? min : Date.parse('2026-01-05T09:00:00Z');
}

/** The workspace gong.users[index] belongs to (data.ts assigns user i to workspace i mod n). */
export function userWorkspaceId(gong: GongStandIn, index: number): string {
	const ws = gong.workspaces[index % Math.max(1, gong.workspaces.length)];
	return ws?.id ?? '0';
}

export function fullName(user: StandInUser): string {
	return `${user.firstName} ${user.lastName}`;
}

class Random {
	private readonly rng: () => number;

	private readonly used = new Set<string>();

	constructor(seed: number) {
		this.rng = mulberry32(seed);
	}

	next(): number {
		return this.rng();
	}

	int(min: number, max: number): number {
		return min + Math.floor(this.rng() * (max - min + 1));
	}

	pick<T>(list: readonly T[]): T {
		return list[Math.floor(this.rng() * list.length)] as T;
	}

	/** A unique numeric id of `length` digits. */
	id(length = 19): string {
		for (;;) {
			let s = String(this.int(1, 9));
			while (s.length < length) s += String(this.int(0, 9));
			if (!this.used.has(s)) {
				this.used.add(s);
				return s;
			}
		}
	}

	alnum(length: number, upper = false): string {
		const chars = upper ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789' : 'abcdefghijklmnopqrstuvwxyz0123456789';
		let s = '';
		while (s.length < length) s += chars[Math.floor(this.rng() * chars.length)];
		return s;
	}
}

const COMPANY_FOLDERS: { name: string; children: string[] }[] = [
	{ name: 'Outbound Prospecting', children: ['Enterprise', 'Mid-Market'] },
	{ name: 'Inbound Leads', children: [] },
	{ name: 'Events & Webinars', children: [] },
	{ name: 'Renewals & Expansion', children: [] },
];

const FLOW_THEMES = [
	'Cold outreach - VP Operations',
	'Webinar follow-up',
	'Demo no-show',
	'Inbound lead - fast response',
	'Trade show follow-up',
	'Pricing follow-up',
	'Champion left - re-engage',
	'Pilot nurture',
	'Closed-lost revival',
	'Renewal reminder',
	'Plant manager intro',
	'ROI case study drip',
];

const SYNTHETIC_FIRST = ['Alex', 'Sam', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Jamie', 'Avery', 'Quinn'];
const SYNTHETIC_LAST = ['Becker', 'Lindqvist', 'Owusu', 'Carvalho', 'Horvat', 'Sato', 'Mendes', 'Quinn', 'Petrov'];
const SYNTHETIC_COMPANIES = [
	{ name: 'Northwind Plastics', domain: 'northwind-plastics.com' },
	{ name: 'Contoso Steel', domain: 'contososteel.com' },
	{ name: 'Fabrikam Textiles', domain: 'fabrikam-textiles.com' },
	{ name: 'Litware Medical', domain: 'litwaremedical.com' },
];
const SYNTHETIC_TITLES = [
	'Director of Operations',
	'Head of Automation',
	'COO',
	'Maintenance Lead',
	'Procurement Manager',
];
const MIN_PROSPECTS = 60;

function flowData(gong: GongStandIn): FlowData {
	let data = store.get(gong);
	if (!data) {
		data = generate(gong);
		store.set(gong, data);
	}
	return data;
}

function generate(gong: GongStandIn): FlowData {
	const r = new Random(SEED);
	const anchor = dataAnchorMs(gong);
	const workspaceIds = gong.workspaces.length ? gong.workspaces.map((w) => w.id) : ['0'];
	const folders: StandInFlowFolder[] = [];
	const created = (): string => isoTime(anchor - r.int(30, 720) * DAY - r.int(0, 86_399) * 1000);

	// Company folders (a small tree) in every workspace.
	const companyLeaves: StandInFlowFolder[] = [];
	for (const workspaceId of workspaceIds) {
		for (const top of COMPANY_FOLDERS) {
			const folder: StandInFlowFolder = {
				id: r.id(),
				name: top.name,
				parentId: null,
				workspaceId,
				visibility: 'Company',
				ownerUserId: null,
				sharedWithUserIds: [],
				creationDate: created(),
			};
			folders.push(folder);
			if (!top.children.length) companyLeaves.push(folder);
			for (const child of top.children) {
				const sub: StandInFlowFolder = {
					...folder,
					id: r.id(),
					name: child,
					parentId: folder.id,
					creationDate: created(),
				};
				folders.push(sub);
				companyLeaves.push(sub);
			}
		}
	}
	// Each user: a personal folder, and a folder shared with two colleagues.
	const personalFolder = new Map<string, StandInFlowFolder>();
	const sharedFolder = new Map<string, StandInFlowFolder>();
	gong.users.forEach((user, i) => {
		const workspaceId = userWorkspaceId(gong, i);
		const colleagues = gong.users.filter((u) => u !== user);
		const sharedWith = colleagues.length
			? [...new Set([r.pick(colleagues).id, r.pick(colleagues).id])].sort(compareIds)
			: [];
		const mine: StandInFlowFolder = {
			id: r.id(),
			name: `${user.firstName}'s flows`,
			parentId: null,
			workspaceId,
			visibility: 'Personal',
			ownerUserId: user.id,
			sharedWithUserIds: [],
			creationDate: created(),
		};
		const shared: StandInFlowFolder = {
			...mine,
			id: r.id(),
			name: `${user.firstName}'s team plays`,
			visibility: 'Shared',
			sharedWithUserIds: sharedWith,
			creationDate: created(),
		};
		folders.push(mine, shared);
		personalFolder.set(user.id, mine);
		sharedFolder.set(user.id, shared);
	});
	const folderName = new Map(folders.map((f) => [f.id, f.name]));

	const flows: StandInFlow[] = [];
	const makeFlow = (folder: StandInFlowFolder, n: number): StandInFlow => {
		const theme = FLOW_THEMES[n % FLOW_THEMES.length] as string;
		const name = `${theme} ${Math.floor(n / FLOW_THEMES.length) + 1}`;
		return {
			id: r.id(),
			name: folder.visibility === 'Company' ? name : `${name} (${folder.name.split("'")[0] ?? ''})`,
			folderId: folder.id,
			folderName: folderName.get(folder.id) ?? '',
			visibility: folder.visibility,
			creationDate: created(),
			exclusive: r.next() < 0.3,
			workspaceId: folder.workspaceId,
			ownerUserId: folder.ownerUserId,
			sharedWithUserIds: [...folder.sharedWithUserIds],
			description: `${theme}: ${r.int(3, 8)}-touch sequence for ${folder.name} (${folder.visibility.toLowerCase()} flow).`,
			steps: makeSteps(r, theme),
		};
	};
	for (let n = 0; n < COMPANY_FLOWS; n++)
		flows.push(makeFlow(companyLeaves[n % companyLeaves.length] as StandInFlowFolder, n));
	gong.users.forEach((user, i) => {
		for (let k = 0; k < PERSONAL_FLOWS_PER_USER; k++) {
			const folder = k < PERSONAL_FLOWS_PER_USER - 3 ? personalFolder.get(user.id) : sharedFolder.get(user.id);
			if (folder) flows.push(makeFlow(folder, i * PERSONAL_FLOWS_PER_USER + k));
		}
	});
	flows.sort((a, b) => Date.parse(a.creationDate) - Date.parse(b.creationDate) || compareIds(a.id, b.id));

	const prospects = makeProspects(gong, r);
	const instances = makeInstances(gong, r, flows, prospects, anchor);
	return { folders, flows, prospects, instances };
}

function makeSteps(r: Random, theme: string): StandInFlowStep[] {
	const count = r.int(3, 8);
	const steps: StandInFlowStep[] = [];
	const firstSubject = `${theme.split(' - ')[0] ?? theme} for {{account.name}}`;
	for (let order = 1; order <= count; order++) {
		let action: FlowStepAction;
		if (order === 1) action = r.pick<FlowStepAction>(['SEND_EMAIL', 'AUTO_SEND_EMAIL']);
		else
			action = r.pick<FlowStepAction>([
				'AUTO_SEND_EMAIL',
				'CALL',
				'CALL',
				'LINKEDIN_CONNECT',
				'LINKEDIN_MESSAGE',
				'SEND_EMAIL',
				'CUSTOM',
			]);
		const email = action === 'SEND_EMAIL' || action === 'AUTO_SEND_EMAIL';
		const isReply = email && order > 1 && r.next() < 0.6;
		const body =
			action === 'CALL'
				? 'Call {{first_name}}: reference the last email and ask about unplanned downtime on their lines.'
				: action === 'LINKEDIN_CONNECT'
					? 'Hi {{first_name}}, I work with operations leaders at companies like {{account.name}}. Happy to connect.'
					: action === 'LINKEDIN_MESSAGE'
						? 'Thanks for connecting, {{first_name}}. Would a 15-minute look at our uptime dashboard be useful?'
						: action === 'CUSTOM'
							? 'Send a handwritten note with the ROI one-pager.'
							: `Hi {{first_name}},\n\n${isReply ? 'Following up on my note below.' : `Teams like yours use ${theme.toLowerCase()} to cut downtime.`}\n\nBest,\n{{sender.first_name}}`;
		steps.push({
			id: r.id(),
			stepOrder: order,
			action,
			subject: email
				? isReply
					? `Re: ${firstSubject}`
					: order === 1
						? firstSubject
						: `Quick question, {{first_name}}`
				: null,
			body,
			isReply,
		});
	}
	return steps;
}

function companyFromCall(
	context: {
		system: string;
		objects: { objectType: string; objectId: string; fields: { name: string; value: unknown }[] }[];
	}[],
): { name: string; accountId: string } | undefined {
	for (const system of context) {
		for (const object of system.objects) {
			if (object.objectType !== 'Account') continue;
			const name = object.fields.find((f) => f.name === 'Name')?.value;
			if (typeof name === 'string') return { name, accountId: object.objectId };
		}
	}
	return undefined;
}

function makeProspects(gong: GongStandIn, r: Random): StandInProspect[] {
	const byEmail = new Map<string, StandInProspect>();
	const accountOf = new Map<string, string>();
	const accountId = (company: string, fallback?: string): string => {
		let id = accountOf.get(company);
		if (!id) {
			id = fallback ?? `001${r.alnum(15, true)}`;
			accountOf.set(company, id);
		}
		return id;
	};
	const crmId = (type: 'CONTACT' | 'LEAD'): string => `${type === 'CONTACT' ? '003' : '00Q'}${r.alnum(15, true)}`;
	for (const call of gong.calls) {
		const company = companyFromCall(call.context);
		for (const party of call.parties) {
			if (party.affiliation !== 'External' || !party.emailAddress) continue;
			const email = party.emailAddress.toLowerCase();
			if (byEmail.has(email)) continue;
			const [firstName = party.name, ...rest] = party.name.split(' ');
			const type = byEmail.size % 4 === 3 ? 'LEAD' : 'CONTACT';
			const companyName = company?.name ?? email.split('@')[1] ?? 'Unknown';
			byEmail.set(email, {
				crmId: crmId(type),
				type,
				firstName,
				lastName: rest.join(' '),
				emailAddress: party.emailAddress,
				title: party.title ?? 'Unknown',
				companyName,
				phoneNumber: party.phoneNumber ?? null,
				accountCrmId: accountId(companyName, company?.accountId),
			});
		}
	}
	for (let n = 0; byEmail.size < MIN_PROSPECTS; n++) {
		const firstName = SYNTHETIC_FIRST[n % SYNTHETIC_FIRST.length] as string;
		const lastName = SYNTHETIC_LAST[Math.floor(n / SYNTHETIC_FIRST.length) % SYNTHETIC_LAST.length] as string;
		const company = SYNTHETIC_COMPANIES[n % SYNTHETIC_COMPANIES.length] as { name: string; domain: string };
		const email = `${firstName}.${lastName}${n >= 90 ? n : ''}@${company.domain}`.toLowerCase();
		if (byEmail.has(email)) continue;
		const type = n % 3 === 2 ? 'LEAD' : 'CONTACT';
		byEmail.set(email, {
			crmId: crmId(type),
			type,
			firstName,
			lastName,
			emailAddress: email,
			title: r.pick(SYNTHETIC_TITLES),
			companyName: company.name,
			phoneNumber: n % 2 === 0 ? `+44 20 7946 ${String(1000 + n * 13).slice(-4)}` : null,
			accountCrmId: accountId(company.name),
		});
	}
	return [...byEmail.values()];
}

function makeInstances(
	gong: GongStandIn,
	r: Random,
	flows: StandInFlow[],
	prospects: StandInProspect[],
	anchor: number,
): StandInFlowInstance[] {
	const instances: StandInFlowInstance[] = [];
	if (!flows.length || !gong.users.length) return instances;
	const statuses: FlowInstanceStatus[] = [
		'Running',
		'Running',
		'Running',
		'Pending',
		'Paused',
		'FinishedNoReply',
		'FinishedResponse',
		'Finished',
	];
	const usersById = new Map(gong.users.map((u) => [u.id, u]));
	const active = gong.users.filter((u) => u.active);
	prospects.forEach((prospect, p) => {
		const count = p % 5 === 4 ? 0 : r.int(1, 3);
		for (let k = 0; k < count; k++) {
			const flow = r.pick(flows);
			const owner =
				(flow.ownerUserId ? usersById.get(flow.ownerUserId) : undefined) ?? r.pick(active.length ? active : gong.users);
			if (!owner) continue;
			// The first instance of most prospects is still open.
			const status: FlowInstanceStatus =
				k === 0 && p % 3 !== 2 ? r.pick(['Running', 'Pending', 'Paused'] as const) : r.pick(statuses);
			instances.push({
				flowId: flow.id,
				flowName: flow.name,
				crmProspectId: prospect.crmId,
				flowInstanceId: r.id(),
				flowInstanceOwnerEmail: owner.emailAddress,
				flowInstanceOwnerFullName: fullName(owner),
				flowInstanceCreateDate: isoTime(anchor - r.int(0, 90) * DAY - r.int(0, 86_399) * 1000),
				flowInstanceStatus: status,
				workspaceId: flow.workspaceId,
				exclusive: flow.exclusive,
			});
		}
	});
	return instances;
}

// ---- routes --------------------------------------------------------------------------------------

function visibleTo(
	item: { visibility: FlowVisibility; ownerUserId: string | null; sharedWithUserIds: string[] },
	userId: string,
): boolean {
	if (item.visibility === 'Company') return true;
	if (item.ownerUserId === userId) return true;
	return item.visibility === 'Shared' && item.sharedWithUserIds.includes(userId);
}

function requireOwner(gong: GongStandIn, value: unknown, name: string): StandInUser {
	const email = queryString(value);
	if (isBlank(email) || email === undefined) throw bad(`${name} is required`);
	const user = userByEmail(gong, email);
	if (!user) throw new HttpError(404, ['User not found']);
	return user;
}

function optionalId(value: unknown, name: string): string | undefined {
	const text = queryString(value);
	if (isBlank(text) || text === undefined) return undefined;
	if (!/^\d{1,20}$/.test(text)) throw bad(`${name} must be a numeric ID, got ${JSON.stringify(text)}`);
	return text;
}

function flowOut(flow: StandInFlow): Record<string, unknown> {
	return {
		id: flow.id,
		name: flow.name,
		folderId: flow.folderId,
		folderName: flow.folderName,
		visibility: flow.visibility,
		creationDate: flow.creationDate,
		exclusive: flow.exclusive,
	};
}

function listFlows(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:flows:read')) return;
	const owner = requireOwner(gong, req.query.flowOwnerEmail, 'flowOwnerEmail');
	const workspaceId = gong.parseWorkspaceId(queryString(req.query.workspaceId));
	const folderId = optionalId(req.query.folderId, 'folderId');
	const recentText = queryString(req.query.mostRecentlyAssigned);
	if (!isBlank(recentText) && recentText !== 'true' && recentText !== 'false') {
		throw bad(`mostRecentlyAssigned must be true or false, got ${JSON.stringify(recentText)}`);
	}
	const mostRecentlyAssigned = recentText === 'true';
	let flows = flowsOf(gong).filter(
		(f) =>
			visibleTo(f, owner.id) &&
			(workspaceId === undefined || f.workspaceId === workspaceId) &&
			(folderId === undefined || f.folderId === folderId),
	);
	if (mostRecentlyAssigned) {
		const lastAssigned = new Map<string, number>();
		for (const instance of flowInstancesOf(gong)) {
			const ms = Date.parse(instance.flowInstanceCreateDate);
			if (ms > (lastAssigned.get(instance.flowId) ?? Number.NEGATIVE_INFINITY)) lastAssigned.set(instance.flowId, ms);
		}
		flows = flows
			.filter((f) => lastAssigned.has(f.id))
			.sort((a, b) => (lastAssigned.get(b.id) ?? 0) - (lastAssigned.get(a.id) ?? 0) || compareIds(a.id, b.id))
			.slice(0, MOST_RECENTLY_ASSIGNED_CAP);
	}
	gong.paginate(req, res, {
		endpoint: 'GET /v2/flows',
		filterKey: { owner: owner.id, workspaceId, folderId, mostRecentlyAssigned },
		cursor: queryString(req.query.cursor),
		items: flows,
		listKey: 'flows',
		map: flowOut,
		emptyMessage: null,
	});
}

function listFolders(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:flows:read')) return;
	const owner = requireOwner(gong, req.query.flowFolderOwnerEmail, 'flowFolderOwnerEmail');
	const workspaceId = gong.parseWorkspaceId(queryString(req.query.workspaceId));
	const parentId = optionalId(req.query.parentId, 'parentId');
	const all = flowFoldersOf(gong);
	const names = new Map(all.map((f) => [f.id, f.name]));
	const folders = all.filter(
		(f) =>
			visibleTo(f, owner.id) &&
			(workspaceId === undefined || f.workspaceId === workspaceId) &&
			(parentId === undefined || f.id === parentId || f.parentId === parentId),
	);
	gong.paginate(req, res, {
		endpoint: 'GET /v2/flows/folders',
		filterKey: { owner: owner.id, workspaceId, parentId },
		cursor: queryString(req.query.cursor),
		items: folders,
		// The spec (and Nango) name the list `flows` here too, with PublicApiFlow items.
		listKey: 'flows',
		map: (f) => ({
			id: f.id,
			name: f.name,
			// For a folder, folderId/folderName are its parent's (left out at the top level).
			...(f.parentId ? { folderId: f.parentId, folderName: names.get(f.parentId) ?? '' } : {}),
			visibility: f.visibility,
			creationDate: f.creationDate,
		}),
		emptyMessage: null,
	});
}

function stringList(value: unknown, name: string): string[] | undefined {
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === '')) {
		throw bad(`${name} must be an array of ID strings`);
	}
	return value as string[];
}

function flowSteps(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:flows:read')) return;
	const body = asRecord(req.body);
	if (!body) throw bad('The request body must be a JSON object');
	const flowIds = stringList(body.flowIds, 'flowIds');
	if (!flowIds?.length) throw bad('flowIds is required: an array of 1 to 20 flow IDs');
	const unique = [...new Set(flowIds)];
	if (unique.length > MAX_STEP_FLOW_IDS) {
		throw bad(`flowIds must not contain more than ${MAX_STEP_FLOW_IDS} flow IDs, got ${unique.length}`);
	}
	const byId = new Map(flowsOf(gong).map((f) => [f.id, f]));
	const flows = unique.map((id) => byId.get(id));
	if (flows.some((f) => f === undefined)) throw new HttpError(404, ['Flow not found']);
	gong.send(req, res, 200, {
		flows: (flows as StandInFlow[]).map((f) => ({
			id: f.id,
			name: f.name,
			folderId: f.folderId,
			visibility: f.visibility,
			creationDate: f.creationDate,
			exclusive: f.exclusive,
			description: f.description,
			steps: f.steps.map((s) => ({
				id: s.id,
				stepOrder: s.stepOrder,
				action: s.action,
				...(s.subject === null ? {} : { subject: s.subject }),
				body: s.body,
				isReply: s.isReply,
			})),
		})),
	});
}

function prospectsAssigned(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:flows:read')) return;
	settleBulkAssignments(gong);
	const body = asRecord(req.body);
	if (!body) throw bad('The request body must be a JSON object');
	const crmIds = stringList(body.crmProspectsIds, 'crmProspectsIds');
	const instanceIds = stringList(body.flowInstanceIds, 'flowInstanceIds');
	if (crmIds && instanceIds) throw bad('Provide either crmProspectsIds or flowInstanceIds, not both');
	if (!crmIds?.length && !instanceIds?.length) throw bad('crmProspectsIds or flowInstanceIds is required');
	const instances = flowInstancesOf(gong);
	let matched: StandInFlowInstance[];
	if (crmIds) {
		// By prospect: open instances only.
		matched = [...new Set(crmIds)].flatMap((id) =>
			instances.filter((i) => i.crmProspectId === id && OPEN_FLOW_INSTANCE_STATUSES.includes(i.flowInstanceStatus)),
		);
	} else {
		// By instance id: finished ones too.
		const byId = new Map(instances.map((i) => [i.flowInstanceId, i]));
		matched = [...new Set(instanceIds)].flatMap((id) => {
			const instance = byId.get(id);
			return instance ? [instance] : [];
		});
	}
	gong.send(req, res, 200, { prospectsAssigned: matched.map((i) => ({ ...i })) });
}

// ---- write side ----------------------------------------------------------------------------------

export const MAX_ASSIGN_PROSPECTS = 100;
export const MAX_BULK_PROSPECTS = 50;
export const MAX_UNASSIGN_INSTANCES = 200;
export const UNKNOWN_FLOW_INSTANCE = 'One or more of the given flowInstanceIds does not exist';

/** AssignedFlowFailure.errorCode. */
export type AssignErrorCode = 'InvalidArgument' | 'InvalidState' | 'UnexpectedError';

/** What the stand-in keeps of an instance created through the API, beyond what the reads answer. */
export interface StandInFlowAssignment {
	flowInstanceId: string;
	via: 'assign' | 'bulk-assignment';
	flowInstanceDescription: string | null;
	/** `overrides` as sent (assign only). */
	overrides: Record<string, unknown> | null;
	/** The bulk assignment that made it, if any. */
	bulkAssignmentId: string | null;
}

/** An instance taken out of its flow through the API. */
export interface StandInFlowUnassignment {
	flowInstanceId: string;
	via: 'crm-id' | 'instance-id';
	/** The Gong user named as unassignedByUserEmail, if any. */
	unassignedByUserId: string | null;
}

/** A prospect of a bulk assignment (FlowAssignmentProspect), as sent. */
export interface StandInBulkProspect {
	crmId?: string;
	firstName?: string;
	lastName?: string;
	email?: string;
	jobTitle?: string;
	linkedInUrl?: string;
	accountCrmId?: string;
	companyName?: string;
}

const BULK_PROSPECT_FIELDS = [
	'crmId',
	'firstName',
	'lastName',
	'email',
	'jobTitle',
	'linkedInUrl',
	'accountCrmId',
	'companyName',
] as const;

export type BulkAssignmentStatus = 'PENDING' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

/** FlowAssignmentResult; absent members are left out of the answer. */
export interface StandInBulkAssignmentResult {
	prospect: StandInBulkProspect;
	status: 'ASSIGNED' | 'CRM_OPERATION_FAILED' | 'FLOW_ASSIGNMENT_FAILED';
	crmId?: string;
	flowInstanceId?: string;
	errorCode?: string;
	errorMessage?: string;
}

export interface StandInBulkAssignment {
	/** A UUID, like Gong's. */
	id: string;
	flowId: string;
	ownerUserId: string;
	prospects: StandInBulkProspect[];
	/** One per processed prospect, in the order sent. */
	results: StandInBulkAssignmentResult[];
	status: BulkAssignmentStatus;
	/** GET …/bulk-assignments/{id} reads so far. */
	polls: number;
	submittedAt: number;
}

/**
 * How an asynchronous job moves on: finished at its `polls`-th status read, or `ms` after it was
 * submitted, whichever comes first (`polls: 0`: finished when submitted; Infinity: only by time).
 */
export interface AsyncProgress {
	polls: number;
	ms?: number;
}

/** `{polls: 2}` unless told otherwise; only `ms` given: by time alone. */
export function asyncProgress(options: { polls?: number; ms?: number }): AsyncProgress {
	const polls = options.polls ?? (options.ms === undefined ? 2 : Number.POSITIVE_INFINITY);
	if (!(polls >= 0) || (options.ms !== undefined && !(options.ms >= 0))) {
		throw new Error(`Invalid progress ${JSON.stringify(options)}`);
	}
	return options.ms === undefined ? { polls } : { polls, ms: options.ms };
}

/** How far (0 to 1) a job is at its `reads`-th status read (0: the submission), `elapsedMs` after submission. */
export function progressFraction(progress: AsyncProgress, reads: number, elapsedMs: number): number {
	if (reads >= progress.polls) return 1;
	if (progress.ms !== undefined && elapsedMs >= progress.ms) return 1;
	const byPolls = Number.isFinite(progress.polls) ? reads / progress.polls : 0;
	const byTime = progress.ms ? elapsedMs / progress.ms : 0;
	return Math.min(0.99, Math.max(byPolls, byTime));
}

interface FlowWrites {
	rng: Random;
	assignments: StandInFlowAssignment[];
	unassignments: StandInFlowUnassignment[];
	/** By CRM id: what assigning that prospect answers instead of assigning it. */
	failures: Map<string, { errorCode: AssignErrorCode; errorMessage: string }>;
	/** By lower-case email: what creating that lead in the CRM answers (bulk assignments without crmId). */
	crmFailures: Map<string, { errorCode: string; errorMessage: string }>;
	jobs: StandInBulkAssignment[];
	progress: AsyncProgress;
}

const writeStore = new WeakMap<GongStandIn, FlowWrites>();

function writes(gong: GongStandIn): FlowWrites {
	let w = writeStore.get(gong);
	if (!w) {
		w = {
			rng: new Random(SEED ^ 0x0a55_1960),
			assignments: [],
			unassignments: [],
			failures: new Map(),
			crmFailures: new Map(),
			jobs: [],
			progress: asyncProgress({}),
		};
		writeStore.set(gong, w);
	}
	return w;
}

/** Instances made by POST …/assign and …/bulk-assignments, with what the request said beyond the instance. */
export function flowAssignmentsOf(gong: GongStandIn): StandInFlowAssignment[] {
	return writes(gong).assignments;
}

/** Instances taken out of their flow by POST …/unassign-flows-by-*. */
export function flowUnassignmentsOf(gong: GongStandIn): StandInFlowUnassignment[] {
	return writes(gong).unassignments;
}

/** Every bulk assignment submitted, as far as it has been processed (live objects). */
export function bulkAssignmentsOf(gong: GongStandIn): StandInBulkAssignment[] {
	return writes(gong).jobs;
}

/**
 * How bulk assignments progress (default: `{polls: 2}` — the 202 says PENDING, the first read
 * IN_PROGRESS with half the prospects processed, the second COMPLETED). `{polls: 0}`: processed at once.
 * With `ms`, a job also completes that long after submission, read or not (any flows request settles it).
 */
export function setBulkAssignmentProgress(gong: GongStandIn, options: { polls?: number; ms?: number }): void {
	writes(gong).progress = asyncProgress(options);
}

/** Assigning `crmId` (assign and bulk alike) fails with this code and message from now on. */
export function failProspectAssignment(
	gong: GongStandIn,
	crmId: string,
	errorCode: AssignErrorCode,
	errorMessage: string,
): void {
	writes(gong).failures.set(crmId, { errorCode, errorMessage });
}

/** A bulk-assignment prospect without crmId and with this email fails with CRM_OPERATION_FAILED. */
export function failProspectCrmOperation(
	gong: GongStandIn,
	email: string,
	errorCode: string,
	errorMessage: string,
): void {
	writes(gong).crmFailures.set(email.trim().toLowerCase(), { errorCode, errorMessage });
}

export function clearProspectFailures(gong: GongStandIn): void {
	writes(gong).failures.clear();
	writes(gong).crmFailures.clear();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function requireBody(value: unknown): Record<string, unknown> {
	const body = asRecord(value);
	if (!body) throw bad('The request body must be a JSON object');
	return body;
}

function requiredString(value: unknown, name: string): string {
	if (value !== undefined && value !== null && typeof value !== 'string') throw bad(`${name} must be a string`);
	if (typeof value !== 'string' || value.trim() === '') throw bad(`${name} is required`);
	return value.trim();
}

function optionalString(value: unknown, name: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw bad(`${name} must be a string`);
	return value.trim() === '' ? undefined : value;
}

function findFlow(gong: GongStandIn, flowId: string, status = 404): StandInFlow {
	const flow = flowsOf(gong).find((f) => f.id === flowId);
	if (!flow) throw new HttpError(status, ['Flow not found']);
	return flow;
}

function findUser(gong: GongStandIn, email: string, status = 404): StandInUser {
	const user = userByEmail(gong, email);
	if (!user) throw new HttpError(status, ['User not found']);
	return user;
}

function parseOverrides(value: unknown, flow: StandInFlow): Record<string, unknown> | null {
	if (value === undefined || value === null) return null;
	const overrides = asRecord(value);
	if (!overrides) throw bad('overrides must be an object');
	if (overrides.steps !== undefined && overrides.steps !== null) {
		if (!Array.isArray(overrides.steps)) throw bad('overrides.steps must be an array');
		overrides.steps.forEach((item: unknown, i) => {
			const step = asRecord(item);
			const number = step?.number;
			if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > flow.steps.length) {
				throw bad(`overrides.steps[${i}].number must be a step number of the flow, 1 to ${flow.steps.length}`);
			}
			optionalString(step?.subject, `overrides.steps[${i}].subject`);
			optionalString(step?.body, `overrides.steps[${i}].body`);
		});
	}
	if (overrides.flowInstanceVariables !== undefined && overrides.flowInstanceVariables !== null) {
		if (!Array.isArray(overrides.flowInstanceVariables)) throw bad('overrides.flowInstanceVariables must be an array');
		overrides.flowInstanceVariables.forEach((item: unknown, i) => {
			const variable = asRecord(item);
			requiredString(variable?.name, `overrides.flowInstanceVariables[${i}].name`);
			if (typeof variable?.value !== 'string') {
				throw bad(`overrides.flowInstanceVariables[${i}].value is required and must be a string`);
			}
		});
	}
	const coolOff = overrides.coolOffOverride;
	if (coolOff !== undefined && coolOff !== null && typeof coolOff !== 'boolean') {
		throw bad('overrides.coolOffOverride must be true or false');
	}
	return overrides;
}

function newInstanceId(gong: GongStandIn): string {
	const taken = new Set(flowInstancesOf(gong).map((i) => i.flowInstanceId));
	for (;;) {
		const id = writes(gong).rng.id();
		if (!taken.has(id)) return id;
	}
}

/** Assigns one prospect: the new instance, or why not (AssignedFlowFailure's code and message). */
function assignOne(
	gong: GongStandIn,
	flow: StandInFlow,
	owner: StandInUser,
	crmId: string,
	meta: Omit<StandInFlowAssignment, 'flowInstanceId'>,
): { instance: StandInFlowInstance } | { errorCode: AssignErrorCode; errorMessage: string } {
	const w = writes(gong);
	const marked = w.failures.get(crmId);
	if (marked) return { ...marked };
	if (!prospectsOf(gong).some((p) => p.crmId === crmId)) {
		return { errorCode: 'InvalidArgument', errorMessage: `Invalid crmId ${crmId}` };
	}
	const open = flowInstancesOf(gong).filter(
		(i) => i.crmProspectId === crmId && OPEN_FLOW_INSTANCE_STATUSES.includes(i.flowInstanceStatus),
	);
	// Not idempotent: a blind retry of a lost answer meets the instance the first attempt made.
	if (open.some((i) => i.flowId === flow.id)) {
		return { errorCode: 'InvalidState', errorMessage: 'Prospect is already assigned to this flow' };
	}
	const exclusive = open.find((i) => i.exclusive);
	if (exclusive) {
		return {
			errorCode: 'InvalidState',
			errorMessage: `Prospect is already assigned to the exclusive flow '${exclusive.flowName}'`,
		};
	}
	const instance: StandInFlowInstance = {
		flowId: flow.id,
		flowName: flow.name,
		crmProspectId: crmId,
		flowInstanceId: newInstanceId(gong),
		flowInstanceOwnerEmail: owner.emailAddress,
		flowInstanceOwnerFullName: fullName(owner),
		flowInstanceCreateDate: isoTime(Math.floor(Date.now() / 1000) * 1000),
		flowInstanceStatus: 'Pending',
		workspaceId: flow.workspaceId,
		exclusive: flow.exclusive,
	};
	flowInstancesOf(gong).push(instance);
	w.assignments.push({ flowInstanceId: instance.flowInstanceId, ...meta });
	return { instance };
}

function assignProspects(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:flows:write')) return;
	settleBulkAssignments(gong);
	const body = requireBody(req.body);
	const flowId = requiredString(body.flowId, 'flowId');
	const crmIds = stringList(body.crmProspectsIds, 'crmProspectsIds');
	if (!crmIds?.length) throw bad(`crmProspectsIds is required: an array of 1 to ${MAX_ASSIGN_PROSPECTS} CRM IDs`);
	if (crmIds.length > MAX_ASSIGN_PROSPECTS) {
		throw bad(`crmProspectsIds must not contain more than ${MAX_ASSIGN_PROSPECTS} CRM IDs, got ${crmIds.length}`);
	}
	const ownerEmail = requiredString(body.flowInstanceOwnerEmail, 'flowInstanceOwnerEmail');
	const description = optionalString(body.flowInstanceDescription, 'flowInstanceDescription') ?? null;
	const flow = findFlow(gong, flowId);
	const owner = findUser(gong, ownerEmail);
	const overrides = parseOverrides(body.overrides, flow);
	const assigned: StandInFlowInstance[] = [];
	const notAssigned: Record<string, unknown>[] = [];
	// A partial failure is still a 200: each prospect is reported in one list or the other.
	for (const crmId of new Set(crmIds)) {
		const outcome = assignOne(gong, flow, owner, crmId, {
			via: 'assign',
			flowInstanceDescription: description,
			overrides,
			bulkAssignmentId: null,
		});
		if ('instance' in outcome) assigned.push(outcome.instance);
		else notAssigned.push({ flowId: flow.id, crmProspectId: crmId, ...outcome });
	}
	gong.send(req, res, 200, {
		prospectsAssigned: assigned.map((i) => ({ ...i })),
		prospectsNotAssigned: notAssigned,
	});
}

function parseBulkProspect(value: unknown, index: number): StandInBulkProspect {
	const item = asRecord(value);
	if (!item) throw bad(`prospects[${index}] must be an object`);
	const prospect: StandInBulkProspect = {};
	for (const field of BULK_PROSPECT_FIELDS) {
		const text = optionalString(item[field], `prospects[${index}].${field}`);
		if (text !== undefined) prospect[field] = text.trim();
	}
	if (prospect.crmId === undefined && (prospect.firstName === undefined || prospect.lastName === undefined)) {
		throw bad(`prospects[${index}]: firstName and lastName are required when crmId is not provided`);
	}
	return prospect;
}

/** A CRM lead for a bulk-assigned prospect given by name (and maybe email): what Gong creates in the CRM. */
function createLead(gong: GongStandIn, prospect: StandInBulkProspect): StandInProspect {
	const taken = new Set(prospectsOf(gong).map((p) => p.crmId));
	let crmId: string;
	do crmId = `00Q${writes(gong).rng.alnum(15, true)}`;
	while (taken.has(crmId));
	const lead: StandInProspect = {
		crmId,
		type: 'LEAD',
		firstName: prospect.firstName ?? '',
		lastName: prospect.lastName ?? '',
		emailAddress: prospect.email ?? '',
		title: prospect.jobTitle ?? '',
		companyName: prospect.companyName ?? '',
		phoneNumber: null,
		accountCrmId: prospect.accountCrmId ?? '',
	};
	prospectsOf(gong).push(lead);
	return lead;
}

function processBulkProspect(
	gong: GongStandIn,
	job: StandInBulkAssignment,
	prospect: StandInBulkProspect,
): StandInBulkAssignmentResult {
	let crmId = prospect.crmId;
	if (crmId === undefined) {
		const email = prospect.email?.toLowerCase();
		const marked = email === undefined ? undefined : writes(gong).crmFailures.get(email);
		if (marked) return { prospect, status: 'CRM_OPERATION_FAILED', ...marked };
		if (email !== undefined && !EMAIL.test(email)) {
			return {
				prospect,
				status: 'CRM_OPERATION_FAILED',
				errorCode: 'InvalidArgument',
				errorMessage: `Invalid email address ${prospect.email ?? ''}`,
			};
		}
		// A prospect the CRM already has (same email) is reused; otherwise a lead is created.
		const existing =
			email === undefined ? undefined : prospectsOf(gong).find((p) => p.emailAddress.toLowerCase() === email);
		crmId = (existing ?? createLead(gong, prospect)).crmId;
	}
	const flow = flowsOf(gong).find((f) => f.id === job.flowId);
	const owner = gong.users.find((u) => u.id === job.ownerUserId);
	if (!flow || !owner) {
		return {
			prospect,
			status: 'FLOW_ASSIGNMENT_FAILED',
			crmId,
			errorCode: 'InvalidArgument',
			errorMessage: flow ? 'User not found' : 'Flow not found',
		};
	}
	const outcome = assignOne(gong, flow, owner, crmId, {
		via: 'bulk-assignment',
		flowInstanceDescription: null,
		overrides: null,
		bulkAssignmentId: job.id,
	});
	return 'instance' in outcome
		? { prospect, status: 'ASSIGNED', crmId, flowInstanceId: outcome.instance.flowInstanceId }
		: { prospect, status: 'FLOW_ASSIGNMENT_FAILED', crmId, ...outcome };
}

/** Processes the job's prospects up to `fraction` of them (in order) and sets its status. */
function advance(gong: GongStandIn, job: StandInBulkAssignment, fraction: number): void {
	const target = fraction >= 1 ? job.prospects.length : Math.floor(job.prospects.length * fraction);
	while (job.results.length < target) {
		job.results.push(processBulkProspect(gong, job, job.prospects[job.results.length] as StandInBulkProspect));
	}
	job.status = fraction >= 1 ? 'COMPLETED' : job.polls === 0 ? 'PENDING' : 'IN_PROGRESS';
}

/** Finishes the bulk assignments whose time has come (progress with `ms`), read or not. */
function settleBulkAssignments(gong: GongStandIn): void {
	const w = writeStore.get(gong);
	if (w?.progress.ms === undefined) return;
	const now = Date.now();
	for (const job of w.jobs) {
		if (job.status !== 'COMPLETED' && now - job.submittedAt >= w.progress.ms) advance(gong, job, 1);
	}
}

function bulkOut(job: StandInBulkAssignment): Record<string, unknown> {
	const successCount = job.results.filter((r) => r.status === 'ASSIGNED').length;
	return {
		id: job.id,
		status: job.status,
		totalCount: job.prospects.length,
		processedCount: job.results.length,
		successCount,
		failedCount: job.results.length - successCount,
		results: job.results.map((r) => ({ ...r, prospect: { ...r.prospect } })),
	};
}

function submitBulkAssignment(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:flows:write')) return;
	settleBulkAssignments(gong);
	const body = requireBody(req.body);
	const flowId = requiredString(body.flowId, 'flowId');
	const ownerEmail = requiredString(body.flowInstanceOwnerEmail, 'flowInstanceOwnerEmail');
	if (!Array.isArray(body.prospects) || !body.prospects.length) {
		throw bad(`prospects is required: an array of 1 to ${MAX_BULK_PROSPECTS} prospects`);
	}
	if (body.prospects.length > MAX_BULK_PROSPECTS) {
		throw bad(`prospects must not contain more than ${MAX_BULK_PROSPECTS} prospects, got ${body.prospects.length}`);
	}
	const prospects = body.prospects.map((item: unknown, i) => parseBulkProspect(item, i));
	const flow = findFlow(gong, flowId);
	const owner = findUser(gong, ownerEmail);
	const w = writes(gong);
	const job: StandInBulkAssignment = {
		id: randomUUID(),
		flowId: flow.id,
		ownerUserId: owner.id,
		prospects,
		results: [],
		status: 'PENDING',
		polls: 0,
		submittedAt: Date.now(),
	};
	w.jobs.push(job);
	advance(gong, job, progressFraction(w.progress, 0, 0));
	gong.send(req, res, 202, bulkOut(job));
}

function getBulkAssignment(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:flows:read')) return;
	settleBulkAssignments(gong);
	const id = String(req.params.id ?? '');
	const w = writes(gong);
	const job = w.jobs.find((j) => j.id === id);
	if (!job) throw new HttpError(404, ['Bulk assignment not found']);
	if (job.status !== 'COMPLETED') {
		job.polls++;
		advance(gong, job, progressFraction(w.progress, job.polls, Date.now() - job.submittedAt));
	}
	gong.send(req, res, 200, bulkOut(job));
}

function unassignedBy(gong: GongStandIn, value: unknown): StandInUser | undefined {
	const email = optionalString(value, 'unassignedByUserEmail');
	return email === undefined ? undefined : findUser(gong, email, 400);
}

/** Takes open instances out of their flow; finished ones are left as they are (and not reported). */
function unassign(
	gong: GongStandIn,
	instances: StandInFlowInstance[],
	via: StandInFlowUnassignment['via'],
	by: StandInUser | undefined,
): string[] {
	const removed: string[] = [];
	for (const instance of instances) {
		if (!OPEN_FLOW_INSTANCE_STATUSES.includes(instance.flowInstanceStatus)) continue;
		// The spec has no "removed" status: an instance taken out of its flow reads as Finished.
		instance.flowInstanceStatus = 'Finished';
		removed.push(instance.flowInstanceId);
		writes(gong).unassignments.push({
			flowInstanceId: instance.flowInstanceId,
			via,
			unassignedByUserId: by?.id ?? null,
		});
	}
	return removed;
}

function unassignByCrmId(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:flows:write')) return;
	settleBulkAssignments(gong);
	const body = requireBody(req.body);
	const crmProspectId = requiredString(body.crmProspectId, 'crmProspectId');
	const flowId = optionalString(body.flowId, 'flowId');
	// The spec documents no 404 here: unknown ids are a malformed request, as with instance ids.
	if (flowId !== undefined) findFlow(gong, flowId, 400);
	const by = unassignedBy(gong, body.unassignedByUserEmail);
	const matching = flowInstancesOf(gong).filter(
		(i) => i.crmProspectId === crmProspectId && (flowId === undefined || i.flowId === flowId),
	);
	// Idempotent: once nothing is left, the answer is an empty list.
	gong.send(req, res, 200, { unassignedFlowInstanceIds: unassign(gong, matching, 'crm-id', by) });
}

function unassignByInstanceId(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:flows:write')) return;
	settleBulkAssignments(gong);
	const body = requireBody(req.body);
	const ids = stringList(body.flowInstanceIds, 'flowInstanceIds');
	if (!ids?.length) {
		throw bad(`flowInstanceIds is required: an array of 1 to ${MAX_UNASSIGN_INSTANCES} flow instance IDs`);
	}
	if (ids.length > MAX_UNASSIGN_INSTANCES) {
		throw bad(
			`flowInstanceIds must not contain more than ${MAX_UNASSIGN_INSTANCES} flow instance IDs, got ${ids.length}`,
		);
	}
	const by = unassignedBy(gong, body.unassignedByUserEmail);
	const byId = new Map(flowInstancesOf(gong).map((i) => [i.flowInstanceId, i]));
	const instances = [...new Set(ids)].map((id) => byId.get(id));
	// Live Gong fails the whole batch for one unknown id.
	if (instances.some((i) => i === undefined)) throw bad(UNKNOWN_FLOW_INSTANCE);
	gong.send(req, res, 200, {
		unassignedFlowInstanceIds: unassign(gong, instances as StandInFlowInstance[], 'instance-id', by),
	});
}

export function register(app: express.Express, gong: GongStandIn): void {
	app.get('/v2/flows', (req, res) => listFlows(gong, req, res));
	app.get('/v2/flows/folders', (req, res) => listFolders(gong, req, res));
	app.post('/v2/flows/steps', (req, res) => flowSteps(gong, req, res));
	app.post('/v2/flows/prospects', (req, res) => prospectsAssigned(gong, req, res));
	app.post('/v2/flows/prospects/assign', (req, res) => assignProspects(gong, req, res));
	// Deprecated (use overrides.coolOffOverride); the stand-in models no cool-off, so it is the same.
	app.post('/v2/flows/prospects/assign/cool-off-override', (req, res) => assignProspects(gong, req, res));
	app.post('/v2/flows/prospects/bulk-assignments', (req, res) => submitBulkAssignment(gong, req, res));
	app.get('/v2/flows/prospects/bulk-assignments/:id', (req, res) => getBulkAssignment(gong, req, res));
	app.post('/v2/flows/prospects/unassign-flows-by-crm-id', (req, res) => unassignByCrmId(gong, req, res));
	app.post('/v2/flows/prospects/unassign-flows-by-instance-id', (req, res) => unassignByInstanceId(gong, req, res));
}
