/**
 * The package's life in n8n as a user lives it: installed by n8n's community-package installer,
 * updated to a newer version, uninstalled with n8n's own tool, and each step checked in what the
 * running n8n offers (its node list, its settings page's package list) and on disk.
 * The installer's steps are n8n's own (e2e/harness/installer.ts); uninstalling is n8n's:
 * `n8n community-node --uninstall` on 2.x, the settings page's REST call on 1.x (n8n 1.123.81 lists
 * the CLI command in its docs, but its command registry does not have it: "Command not found").
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { GONG_DESCRIPTION, installAsN8nDoes, newerTarball, type InstalledPackage } from './harness/installer';
import { freePort, N8N_VERSION, N8nUserFolder, provisionN8n, REPO_ROOT } from './harness/n8n';
import { packPackage } from './harness/pack';
import { RestSession, setUpOwner } from './harness/rest';

const NODE_TYPES = ['n8n-nodes-gong.gong', 'n8n-nodes-gong.gongTrigger', 'n8n-nodes-gong.gongWebhookTrigger'];
/** What the editor offers: the nodes, and the Gong node as an AI agent's tool (usableAsTool). */
const SERVED_TYPES = [...NODE_TYPES, 'n8n-nodes-gong.gongTool'].sort();
const UPDATE_MARKER = ' (update test)';

interface CommunityPackage {
	packageName: string;
	installedVersion: string;
	installedNodes: Array<{ name: string; type: string }>;
	failedLoading?: boolean;
}

let folder: N8nUserFolder;
let tarball: string;
let installed: InstalledPackage;

/** Starts n8n on the folder, hands a signed-in session to `check`, stops it. */
async function withRunningN8n(check: (session: RestSession) => Promise<void>): Promise<void> {
	const n8n = await folder.start(await freePort());
	try {
		await setUpOwner(n8n.url);
		await check(await RestSession.login(n8n.url));
	} finally {
		await n8n.stop();
	}
}

async function gongNodeTypes(session: RestSession) {
	return (await session.nodeTypes()).filter((type) => type.name.startsWith('n8n-nodes-gong.'));
}

beforeAll(async () => {
	const n8n = await provisionN8n();
	tarball = await packPackage();
	folder = await N8nUserFolder.create(n8n, path.join(REPO_ROOT, '.e2e', 'install'));
}, 20 * 60_000);

describe(`n8n ${N8N_VERSION}'s community-package installer, update and uninstall`, () => {
	it('install: n8n offers the three nodes and lists the package, installed without its peer and dev dependencies', async () => {
		installed = await installAsN8nDoes(folder, tarball);
		const manifest = JSON.parse(await readFile(path.join(installed.folder, 'package.json'), 'utf8')) as Record<
			string,
			unknown
		>;
		expect(manifest.peerDependencies).toBeUndefined();
		expect(manifest.devDependencies).toBeUndefined();
		expect(existsSync(path.join(installed.folder, 'node_modules', 'n8n-workflow'))).toBe(false);
		const nodesPackage = JSON.parse(await readFile(path.join(folder.nodesDir, 'package.json'), 'utf8')) as {
			dependencies: Record<string, string>;
		};
		expect(nodesPackage.dependencies['n8n-nodes-gong']).toBe(installed.version);

		await withRunningN8n(async (session) => {
			const types = await gongNodeTypes(session);
			expect(types.map((type) => type.name).sort()).toEqual(SERVED_TYPES);
			expect(types.find((type) => type.name === 'n8n-nodes-gong.gong')?.description).toBe(GONG_DESCRIPTION);
			const packages = await session.request<CommunityPackage[]>('GET', '/community-packages');
			const gong = packages.find((entry) => entry.packageName === 'n8n-nodes-gong');
			expect(gong?.installedVersion).toBe(installed.version);
			expect(gong?.failedLoading).toBeFalsy();
			expect(gong?.installedNodes.map((node) => node.type).sort()).toEqual(NODE_TYPES);
		});
	});

	it('update: the newer version replaces the old one in n8n and on disk', async () => {
		const version = `${installed.version.replace(/-.*$/, '')}-update.1`;
		const newer = await newerTarball(tarball, version, UPDATE_MARKER);
		installed = await installAsN8nDoes(folder, newer);
		expect(installed.version).toBe(version);
		// n8n 2.x moved the old version aside while installing; after a good install only the new one is left.
		expect(await readdir(path.join(folder.nodesDir, 'node_modules'))).toEqual(['n8n-nodes-gong']);
		const nodesPackage = JSON.parse(await readFile(path.join(folder.nodesDir, 'package.json'), 'utf8')) as {
			dependencies: Record<string, string>;
		};
		expect(nodesPackage.dependencies['n8n-nodes-gong']).toBe(version);

		await withRunningN8n(async (session) => {
			const types = await gongNodeTypes(session);
			expect(types.map((type) => type.name).sort()).toEqual(SERVED_TYPES);
			expect(types.find((type) => type.name === 'n8n-nodes-gong.gong')?.description).toBe(
				`${GONG_DESCRIPTION}${UPDATE_MARKER}`,
			);
			const packages = await session.request<CommunityPackage[]>('GET', '/community-packages');
			expect(packages.find((entry) => entry.packageName === 'n8n-nodes-gong')?.installedVersion).toBe(version);
			if (folder.n8n.major < 2) {
				// n8n 1.x: uninstalled the way its settings page does it.
				await session.request('DELETE', '/community-packages?name=n8n-nodes-gong');
			}
		});
	});

	it('uninstall: the package folder, its record and its nodes are gone from n8n', async () => {
		if (folder.n8n.major >= 2) {
			const result = await folder.cli(['community-node', '--uninstall', '--package', 'n8n-nodes-gong']);
			expect(result.code, result.stdout + result.stderr).toBe(0);
		}
		expect(existsSync(installed.folder)).toBe(false);
		await withRunningN8n(async (session) => {
			expect(await gongNodeTypes(session)).toEqual([]);
			const packages = await session.request<CommunityPackage[]>('GET', '/community-packages');
			expect(packages.find((entry) => entry.packageName === 'n8n-nodes-gong')).toBeUndefined();
		});
	});
});
