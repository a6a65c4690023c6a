/**
 * Library: GET /v2/library/folders (a flat list of public folders, parentFolderId null at the root)
 * and GET /v2/library/folder-content (one folder with its calls). Neither is paginated. Private and
 * archived folders are kept in the data but never returned, as Gong does.
 */
import type express from 'express';
import type { Request, Response } from 'express';

import { mulberry32 } from '../data';
import type { GongStandIn } from '../gong-stand-in';
import { HttpError, bad, isBlank, queryString } from '../http';
import { companyTime, idMaker } from './settings';

export interface StandInLibraryCall {
	/** The call's id in gong.calls. */
	id: string;
	title: string;
	/** Optional in Gong: null when the person who added the call wrote none. */
	note: string | null;
	addedBy: string;
	created: string;
	url: string;
	/** The part of the call saved to the folder; 0 to the call's duration when the whole call was. */
	snippet: { fromSec: number; toSec: number };
}

export interface StandInLibraryFolder {
	id: string;
	name: string;
	/** null at the root. */
	parentFolderId: string | null;
	createdBy: string;
	updated: string;
	/** Not sent: used for the workspaceId filter. */
	workspaceId: string;
	/** Only public folders are returned by the API. */
	visibility: 'public' | 'private' | 'archived';
	calls: StandInLibraryCall[];
}

export const EMPTY_FOLDERS = 'No folders found';
export const FOLDER_NOT_FOUND = 'Folder not found';

const SEED = 0x11b7a;
const store = new WeakMap<GongStandIn, StandInLibraryFolder[]>();

/** name, parent (index into this list), visibility. */
const PLAN: { name: string; parent?: number; visibility?: StandInLibraryFolder['visibility'] }[] = [
	{ name: 'Best calls' },
	{ name: 'Discovery', parent: 0 },
	{ name: 'Demos', parent: 0 },
	{ name: 'Executive demos', parent: 2 },
	{ name: 'Objection handling' },
	{ name: 'Pricing objections', parent: 4 },
	{ name: 'Competitor objections', parent: 4 },
	{ name: 'Initech comparisons', parent: 6 },
	{ name: 'Onboarding' },
	{ name: 'My drafts', visibility: 'private' },
	{ name: '2024 kickoff', visibility: 'archived' },
];

const NOTES = [
	'Great example of handling the budget question.',
	'Listen from the snippet start: textbook discovery.',
	'Use this one in new-hire onboarding.',
	'Strong close with a dated next step.',
];

function generate(gong: GongStandIn): StandInLibraryFolder[] {
	const rng = mulberry32(SEED);
	const newId = idMaker(gong, rng);
	const int = (min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
	const userAt = (i: number): string => gong.users[i % Math.max(1, gong.users.length)]?.id ?? '';
	const firstCall = gong.calls.length ? Date.parse(gong.calls[0]?.metaData.started ?? '') : Date.UTC(2026, 0, 5, 9);
	const out: StandInLibraryFolder[] = [];
	gong.workspaces.forEach((workspace, w) => {
		const ids: string[] = [];
		PLAN.forEach((plan, i) => {
			const id = newId();
			ids.push(id);
			const calls: StandInLibraryCall[] = [];
			const wanted = gong.calls.length ? int(0, Math.min(5, gong.calls.length)) : 0;
			const used = new Set<string>();
			for (let n = 0; n < wanted; n++) {
				const call = gong.calls[int(0, gong.calls.length - 1)];
				if (!call || used.has(call.metaData.id)) continue;
				used.add(call.metaData.id);
				const duration = call.metaData.duration;
				const partial = rng() < 0.5 && duration > 120;
				const fromSec = partial ? int(0, Math.floor(duration / 2)) : 0;
				calls.push({
					id: call.metaData.id,
					title: call.metaData.title,
					note: rng() < 0.3 ? null : (NOTES[int(0, NOTES.length - 1)] as string),
					addedBy: userAt(w + i + n),
					created: companyTime(gong, Date.parse(call.metaData.started) + int(1, 20) * 86_400_000),
					url: call.metaData.url,
					snippet: { fromSec, toSec: partial ? Math.min(duration, fromSec + int(30, 300)) : duration },
				});
			}
			out.push({
				id,
				name: plan.name,
				parentFolderId: plan.parent === undefined ? null : (ids[plan.parent] ?? null),
				createdBy: userAt(w + i),
				updated: companyTime(gong, firstCall + int(-60, 30) * 86_400_000 + int(0, 86_399) * 1000),
				workspaceId: workspace.id,
				visibility: plan.visibility ?? 'public',
				calls,
			});
		});
	});
	return out;
}

/** Every library folder, public or not (live array), generated at first use. */
export function libraryFoldersOf(gong: GongStandIn): StandInLibraryFolder[] {
	let found = store.get(gong);
	if (!found) {
		found = generate(gong);
		store.set(gong, found);
	}
	return found;
}

/** Replaces the library ([] makes GET /v2/library/folders answer 404 "No folders found"). */
export function setLibraryFolders(gong: GongStandIn, folders: StandInLibraryFolder[]): void {
	store.set(gong, folders);
}

function folderOut(f: StandInLibraryFolder): Record<string, unknown> {
	return { id: f.id, name: f.name, parentFolderId: f.parentFolderId, createdBy: f.createdBy, updated: f.updated };
}

function listFolders(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:library:read')) return;
	const workspaceId = gong.parseWorkspaceId(queryString(req.query.workspaceId));
	const folders = libraryFoldersOf(gong).filter(
		(f) => f.visibility === 'public' && (workspaceId === undefined || f.workspaceId === workspaceId),
	);
	if (!folders.length) throw new HttpError(404, [EMPTY_FOLDERS]);
	gong.send(req, res, 200, { folders: folders.map(folderOut) });
}

function folderContent(gong: GongStandIn, req: Request, res: Response): void {
	if (!gong.requireScope(req, res, 'api:library:read')) return;
	const folderId = queryString(req.query.folderId);
	if (isBlank(folderId)) throw bad('folderId is required');
	if (!/^\d{1,20}$/.test(folderId ?? '')) {
		throw bad(`Invalid folderId ${JSON.stringify(folderId)}: expected a numeric ID of up to 20 digits`);
	}
	const folder = libraryFoldersOf(gong).find((f) => f.id === folderId && f.visibility === 'public');
	if (!folder) throw new HttpError(404, [FOLDER_NOT_FOUND]);
	gong.send(req, res, 200, {
		id: folder.id,
		name: folder.name,
		createdBy: folder.createdBy,
		updated: folder.updated,
		calls: folder.calls.map((c) => ({ ...c, snippet: { ...c.snippet } })),
	});
}

export function register(app: express.Express, gong: GongStandIn): void {
	app.get('/v2/library/folders', (req, res) => listFolders(gong, req, res));
	app.get('/v2/library/folder-content', (req, res) => folderContent(gong, req, res));
}
