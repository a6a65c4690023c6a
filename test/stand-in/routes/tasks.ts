/**
 * Engage tasks: POST /v2/tasks [api:tasks:read] lists them, PATCH /v2/tasks/{taskId} [api:tasks:write]
 * updates one. Tasks are generated lazily per stand-in, deterministically, for every Gong user;
 * gong.users[1] (or the only user) gets more than 100 open call tasks, so its list pages (body cursor,
 * like the other POST list endpoints).
 */
import type express from 'express';
import type { Request, Response } from 'express';

import { mulberry32 } from '../data';
import type { GongStandIn } from '../gong-stand-in';
import { HttpError, asRecord, bad, compareIds, int64, isBlank } from '../http';
import {
	type StandInFlow,
	type StandInProspect,
	dataAnchorMs,
	flowsVisibleTo,
	isoTime,
	prospectsOf,
	userWorkspaceId,
} from './flows';

export type TaskType = 'FLOW' | 'MANUAL';
export type TaskStatus = 'OPEN' | 'DONE' | 'DISMISSED';
export type TaskAction = 'CALL';
export type CrmType = 'SALESFORCE' | 'HUBSPOT' | 'MICROSOFT_DYNAMICS' | 'GENERIC';

const TASK_TYPES: readonly TaskType[] = ['FLOW', 'MANUAL'];
const TASK_STATUSES: readonly TaskStatus[] = ['OPEN', 'DONE', 'DISMISSED'];
const TASK_ACTIONS: readonly TaskAction[] = ['CALL'];

export const TASK_NOT_FOUND = 'TaskId not found';
export const TASK_ACCESS_DENIED = 'Access denied';

export interface StandInTaskPriority {
	/** int64 in the spec. */
	id: string;
	name: string;
	weight: number;
}

export interface StandInTaskContact {
	crmId: string;
	type: 'CONTACT' | 'LEAD';
	data: {
		firstName: string;
		lastName: string;
		crmUrl: string;
		companyName: string;
		affiliation: 'Us' | 'Them' | 'Unknown';
		emails: { email: string }[];
		title: string;
		phoneNumbers: {
			raw: string;
			countryCode: number;
			normalized: string;
			label: string;
			isVerified: boolean;
		}[];
		optOutChannels: ('CALLS' | 'EMAILS' | 'SMS_MESSAGES')[];
	};
}

/** A task as POST /v2/tasks returns it (ReminderDataDto), ids kept as strings, plus its workspace. */
export interface StandInTask {
	/** int64 in the spec. */
	id: string;
	/** int64 in the spec. */
	userId: string;
	workspaceId: string;
	created: string;
	updated: string;
	status: TaskStatus;
	type: TaskType;
	actions: TaskAction[];
	dueDate: string;
	/** MANUAL tasks only. */
	title: string | null;
	priority: StandInTaskPriority;
	/** FLOW tasks only: the flow and the step the task comes from (ids int64 in the spec). */
	flow: { id: string; name: string; step: { id: string; name: string; stepNumber: number } } | null;
	contact: StandInTaskContact;
	additionalContacts: StandInTaskContact[];
	account: { crmId: string; name: string; crmUrl: string };
	opportunity: {
		crmId: string;
		name: string;
		crmUrl: string;
		status: string;
		stage: string;
		amount: string;
		probability: string;
		closeDate: string;
	} | null;
}

interface TaskData {
	tasks: StandInTask[];
	crmType: CrmType;
}

const SEED = 0x7a5c_0b0e;
const DAY = 86_400_000;
const SF = 'https://acme-robotics.my.salesforce.com';
/** gong.users[1] gets this many tasks (about 3 in 4 open): more than a page of 100. */
const BUSY_USER_TASKS = 180;

const PRIORITIES: StandInTaskPriority[] = [
	{ id: '1', name: 'high', weight: 100 },
	{ id: '2', name: 'medium', weight: 50 },
	{ id: '3', name: 'low', weight: 10 },
];

const MANUAL_TITLES = [
	'Call back about pricing',
	'Confirm pilot scope with the plant manager',
	'Follow up on the security questionnaire',
	'Check in after the demo',
	'Schedule the technical deep dive',
	'Call about the renewal date',
];

const STAGES = ['Qualification', 'Discovery', 'Proposal', 'Negotiation'];

const store = new WeakMap<GongStandIn, TaskData>();

/** Every task of every user. The array is live: push or edit to shape a test. */
export function tasksOf(gong: GongStandIn): StandInTask[] {
	return taskData(gong).tasks;
}

/** The CRM type POST /v2/tasks reports (default SALESFORCE). */
export function setTasksCrmType(gong: GongStandIn, crmType: CrmType): void {
	taskData(gong).crmType = crmType;
}

function taskData(gong: GongStandIn): TaskData {
	let data = store.get(gong);
	if (!data) {
		data = { tasks: generate(gong), crmType: 'SALESFORCE' };
		store.set(gong, data);
	}
	return data;
}

function contactOf(prospect: StandInProspect): StandInTaskContact {
	const digits = prospect.phoneNumber?.replace(/\D/g, '') ?? '';
	return {
		crmId: prospect.crmId,
		type: prospect.type,
		data: {
			firstName: prospect.firstName,
			lastName: prospect.lastName,
			crmUrl: `${SF}/${prospect.crmId}`,
			companyName: prospect.companyName,
			affiliation: 'Them',
			emails: [{ email: prospect.emailAddress }],
			title: prospect.title,
			phoneNumbers: prospect.phoneNumber
				? [
						{
							raw: prospect.phoneNumber,
							countryCode: Number(digits.startsWith('1') ? '1' : digits.slice(0, 2)),
							normalized: `+${digits}`,
							label: 'work',
							isVerified: true,
						},
					]
				: [],
			optOutChannels: [],
		},
	};
}

function generate(gong: GongStandIn): StandInTask[] {
	const rng = mulberry32(SEED);
	const int = (min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
	const used = new Set<string>();
	const id = (): string => {
		for (;;) {
			let s = String(int(1, 9));
			while (s.length < 19) s += String(int(0, 9));
			if (!used.has(s)) {
				used.add(s);
				return s;
			}
		}
	};
	const alnum = (n: number): string => {
		const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
		let s = '';
		while (s.length < n) s += chars[Math.floor(rng() * chars.length)];
		return s;
	};
	const anchor = dataAnchorMs(gong);
	const prospects = prospectsOf(gong);
	const tasks: StandInTask[] = [];
	if (!prospects.length) return tasks;
	const opportunities = new Map<string, StandInTask['opportunity']>();
	const busy = gong.users.length > 1 ? 1 : 0;
	gong.users.forEach((user, index) => {
		const count = index === busy ? BUSY_USER_TASKS : int(4, 24);
		const workspaceId = userWorkspaceId(gong, index);
		const flows: StandInFlow[] = flowsVisibleTo(gong, user).filter((f) => f.workspaceId === workspaceId);
		for (let n = 0; n < count; n++) {
			const prospect = pick(prospects);
			const type: TaskType = flows.length && rng() < 0.7 ? 'FLOW' : 'MANUAL';
			const roll = rng();
			const status: TaskStatus =
				index === busy
					? roll < 0.75
						? 'OPEN'
						: roll < 0.93
							? 'DONE'
							: 'DISMISSED'
					: roll < 0.6
						? 'OPEN'
						: roll < 0.9
							? 'DONE'
							: 'DISMISSED';
			const dueMs = anchor + int(-20, 20) * DAY + int(8, 17) * 3_600_000;
			const createdMs = dueMs - int(1, 14) * DAY - int(0, 3599) * 1000;
			const updatedMs = status === 'OPEN' && rng() < 0.5 ? createdMs : createdMs + int(1, 72) * 3_600_000;
			let flow: StandInTask['flow'] = null;
			if (type === 'FLOW') {
				const chosen = pick(flows);
				const callSteps = chosen.steps.filter((s) => s.action === 'CALL');
				const step = callSteps.length ? pick(callSteps) : chosen.steps[0];
				flow = {
					id: chosen.id,
					name: chosen.name,
					step: step
						? {
								id: step.id,
								name: `Step ${step.stepOrder}: ${step.action === 'CALL' ? 'Call' : step.action}`,
								stepNumber: step.stepOrder,
							}
						: { id: id(), name: 'Step 1: Call', stepNumber: 1 },
				};
			}
			let opportunity = opportunities.get(prospect.accountCrmId);
			if (opportunity === undefined) {
				const stage = pick(STAGES);
				const crmId = `006${alnum(15)}`;
				opportunity =
					rng() < 0.7
						? {
								crmId,
								name: `${prospect.companyName} - Robot cells`,
								crmUrl: `${SF}/${crmId}`,
								status: 'Open',
								stage,
								amount: String(int(20, 400) * 1000),
								probability: String((STAGES.indexOf(stage) + 1) * 20),
								closeDate: isoTime(anchor + int(10, 120) * DAY).slice(0, 10),
							}
						: null;
				opportunities.set(prospect.accountCrmId, opportunity);
			}
			const colleague = prospects.find((p) => p.accountCrmId === prospect.accountCrmId && p.crmId !== prospect.crmId);
			tasks.push({
				id: id(),
				userId: user.id,
				workspaceId,
				created: isoTime(createdMs),
				updated: isoTime(updatedMs),
				status,
				type,
				actions: ['CALL'],
				dueDate: isoTime(dueMs),
				title: type === 'MANUAL' ? pick(MANUAL_TITLES) : null,
				priority: pick(PRIORITIES),
				flow,
				contact: contactOf(prospect),
				additionalContacts: colleague && rng() < 0.3 ? [contactOf(colleague)] : [],
				account: {
					crmId: prospect.accountCrmId,
					name: prospect.companyName,
					crmUrl: `${SF}/${prospect.accountCrmId}`,
				},
				opportunity,
			});
		}
	});
	return tasks;
}

function taskOut(task: StandInTask): Record<string, unknown> {
	return {
		id: int64(task.id),
		userId: int64(task.userId),
		created: task.created,
		updated: task.updated,
		status: task.status,
		type: task.type,
		actions: [...task.actions],
		dueDate: task.dueDate,
		...(task.title === null ? {} : { title: task.title }),
		priority: { id: int64(task.priority.id), name: task.priority.name, weight: task.priority.weight },
		...(task.flow
			? {
					flow: {
						id: int64(task.flow.id),
						name: task.flow.name,
						step: {
							id: int64(task.flow.step.id),
							name: task.flow.step.name,
							stepNumber: int64(String(task.flow.step.stepNumber)),
						},
					},
				}
			: {}),
		contact: task.contact,
		additionalContacts: task.additionalContacts,
		account: task.account,
		...(task.opportunity ? { opportunity: task.opportunity } : {}),
	};
}

function enumList<T extends string>(value: unknown, name: string, allowed: readonly T[]): Set<T> {
	if (!Array.isArray(value) || value.length === 0) {
		throw bad(`filter.${name} is required: a non-empty array of ${allowed.join(', ')}`);
	}
	for (const item of value) {
		if (typeof item !== 'string' || !(allowed as readonly string[]).includes(item)) {
			throw bad(`filter.${name} may contain only ${allowed.join(', ')}, got ${JSON.stringify(item)}`);
		}
	}
	return new Set(value as T[]);
}

function listTasks(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:tasks:read')) return;
	const { body, filter } = gong.requireFilter(req.body);
	const userId = filter.userId;
	if (userId === undefined || userId === null || userId === '') throw bad('filter.userId is required');
	if (typeof userId !== 'string' || !/^\d{1,20}$/.test(userId)) {
		throw bad(`filter.userId must be a numeric ID string, got ${JSON.stringify(userId)}`);
	}
	const workspaceId = gong.parseWorkspaceId(filter.workspaceId);
	const types = enumList(filter.types, 'types', TASK_TYPES);
	enumList(filter.taskAction, 'taskAction', TASK_ACTIONS);
	const statuses = enumList(filter.status, 'status', TASK_STATUSES);
	if (!gong.users.some((u) => u.id === userId)) throw new HttpError(404, ['User not found']);
	const data = taskData(gong);
	const tasks = data.tasks
		.filter(
			(t) =>
				t.userId === userId &&
				types.has(t.type) &&
				statuses.has(t.status) &&
				t.actions.includes('CALL') &&
				(workspaceId === undefined || t.workspaceId === workspaceId),
		)
		.sort((a, b) => Date.parse(a.dueDate) - Date.parse(b.dueDate) || compareIds(a.id, b.id));
	gong.paginate(req, res, {
		endpoint: 'POST /v2/tasks',
		filterKey: filter,
		cursor: body.cursor,
		items: tasks,
		listKey: 'tasks',
		map: taskOut,
		emptyMessage: null,
		extra: { crmType: data.crmType },
	});
}

function updateTask(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:tasks:write')) return;
	const taskId = String(req.params.taskId);
	if (!/^\d{1,20}$/.test(taskId)) throw bad(`Invalid task ID '${taskId}': expected up to 20 digits`);
	const body = asRecord(req.body);
	if (!body) throw bad('The request body must be a JSON object');
	const userId = body.userId;
	if (isBlank(userId)) throw bad('userId is required');
	if (typeof userId !== 'string' || !/^\d{1,20}$/.test(userId)) {
		throw bad(`userId must be a numeric ID string, got ${JSON.stringify(userId)}`);
	}
	const status = body.status;
	if (!isBlank(status) && (typeof status !== 'string' || !(TASK_STATUSES as readonly string[]).includes(status))) {
		throw bad(`status must be one of ${TASK_STATUSES.join(', ')}, got ${JSON.stringify(status)}`);
	}
	const dueMs = gong.parseDate(body.dueDate, 'dueDate');
	let priority: StandInTaskPriority | undefined;
	if (!isBlank(body.priority)) {
		// The spec's example is 'MEDIUM'; the list shows the names in lower case.
		priority = PRIORITIES.find((p) => typeof body.priority === 'string' && p.name === body.priority.toLowerCase());
		if (!priority) {
			throw bad(
				`priority must be one of ${PRIORITIES.map((p) => p.name.toUpperCase()).join(', ')}, got ${JSON.stringify(body.priority)}`,
			);
		}
	}
	const data = taskData(gong);
	const task = data.tasks.find((t) => t.id === taskId);
	if (!task) throw new HttpError(404, [TASK_NOT_FOUND]);
	// Tasks answer access problems with 403: only the owner may change a task.
	if (task.userId !== userId) throw new HttpError(403, [TASK_ACCESS_DENIED]);
	const before = JSON.stringify(task);
	if (!isBlank(status)) task.status = status as TaskStatus;
	if (dueMs !== undefined) task.dueDate = isoTime(dueMs);
	if (priority) task.priority = { ...priority };
	if (JSON.stringify(task) !== before) task.updated = isoTime(Math.floor(Date.now() / 1000) * 1000);
	gong.send(req, res, 200, { tasks: [taskOut(task)], crmType: data.crmType });
}

export function register(app: express.Express, gong: GongStandIn): void {
	app.post('/v2/tasks', (req, res) => listTasks(gong, req, res));
	app.patch('/v2/tasks/:taskId', (req, res) => updateTask(gong, req, res));
}
