/**
 * n8n's community-package installer, step by step as each major's own source does it
 * (packages/cli `CommunityPackagesService.downloadPackage` and `persistInstalledPackage`; n8n 1.123.81
 * and 2.41.1, dist/modules/community-packages/), from a tarball instead of `npm pack <name>@<version>`:
 * n8n fetches from a registry other than npmjs.org only with an enterprise licence, and this package
 * is not on npmjs.org. Everything after the download is n8n's:
 * 1. the old package folder is deleted (1.x) or moved aside as `<name>.backup-<time>` (2.x);
 * 2. `tar -xzf <tarball> -C <package folder> --strip-components=1`;
 * 3. package.json rewritten without devDependencies, peerDependencies and optionalDependencies;
 * 4. `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
 *    --ignore-scripts=true --package-lock=false` in the package folder (2.x adds `--registry=`);
 * 5. the package recorded in `.n8n/nodes/package.json` and the tarball removed;
 * 6. the package and its nodes recorded in the database (`installed_packages`, `installed_nodes`),
 *    which is what n8n's settings page lists and its uninstall (REST, or `n8n community-node
 *    --uninstall` on 2.x) looks up. n8n loads every `n8n-nodes-*` folder at start either way.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { run, type N8nUserFolder } from './n8n';

const NPM_INSTALL_ARGS = [
	'install',
	'--audit=false',
	'--fund=false',
	'--bin-links=false',
	'--install-strategy=shallow',
	'--ignore-scripts=true',
	'--package-lock=false',
];

/** n8n's default registry: the only one it uses without a licence. */
const REGISTRY = 'https://registry.npmjs.org';

interface PackageJson {
	name: string;
	version: string;
	author?: { name?: string; email?: string };
	n8n: { nodes: string[] };
	[key: string]: unknown;
}

export interface InstalledPackage {
	name: string;
	version: string;
	folder: string;
}

/** The package.json inside an npm tarball. */
export async function tarballManifest(tarball: string): Promise<PackageJson> {
	return JSON.parse(await run('tar', ['-xzOf', tarball, 'package/package.json'], path.dirname(tarball))) as PackageJson;
}

/** Installs (or updates to) the tarball's package into the user folder the way n8n's installer does. */
export async function installAsN8nDoes(folder: N8nUserFolder, tarball: string): Promise<InstalledPackage> {
	const manifest = await tarballManifest(tarball);
	const downloadFolder = folder.nodesDir;
	const packageFolder = path.join(downloadFolder, 'node_modules', manifest.name);
	let backup: string | undefined;
	if (folder.n8n.major >= 2 && existsSync(packageFolder)) {
		backup = `${packageFolder}.backup-${Date.now()}`;
		await rename(packageFolder, backup);
	} else {
		await rm(packageFolder, { recursive: true, force: true });
	}
	await mkdir(packageFolder, { recursive: true });
	await trustThisMachinesCertificates(folder);
	// Where `npm pack <name>@<version>` would have left it.
	const tarballName = path.basename(tarball);
	await copyFile(tarball, path.join(downloadFolder, tarballName));
	try {
		await run('tar', ['-xzf', tarballName, '-C', packageFolder, '--strip-components=1'], downloadFolder);
		const packageJsonPath = path.join(packageFolder, 'package.json');
		const {
			devDependencies: _dev,
			peerDependencies: _peer,
			optionalDependencies: _optional,
			...packageJson
		} = JSON.parse(await readFile(packageJsonPath, 'utf8')) as PackageJson;
		await writeFile(packageJsonPath, JSON.stringify(packageJson, null, 2), 'utf8');
		const args = folder.n8n.major >= 2 ? [...NPM_INSTALL_ARGS, `--registry=${REGISTRY}`] : NPM_INSTALL_ARGS;
		await run('npm', args, packageFolder);
		await recordDependency(folder, manifest.name, packageJson.version);
	} finally {
		await rm(path.join(downloadFolder, tarballName), { force: true });
	}
	if (backup) await rm(backup, { recursive: true, force: true });
	await recordInDatabase(folder, packageFolder);
	return { name: manifest.name, version: manifest.version, folder: packageFolder };
}

/**
 * n8n 1.x runs npm with only PATH and NODE_PATH of its environment, so NODE_EXTRA_CA_CERTS (a
 * TLS-inspecting proxy's CA, as on this machine) does not reach it, and its update check (`npm
 * outdated` when the settings page lists packages) fails after a minute of retries. npm also reads
 * the folder's own .npmrc: the fix a user behind such a proxy applies too (README).
 */
async function trustThisMachinesCertificates(folder: N8nUserFolder): Promise<void> {
	const ca = process.env.NODE_EXTRA_CA_CERTS;
	const npmrc = path.join(folder.nodesDir, '.npmrc');
	if (ca && !existsSync(npmrc)) await writeFile(npmrc, `cafile=${ca}\n`);
}

async function recordDependency(folder: N8nUserFolder, name: string, version: string): Promise<void> {
	const file = path.join(folder.nodesDir, 'package.json');
	const json: { dependencies?: Record<string, string>; [key: string]: unknown } = existsSync(file)
		? (JSON.parse(await readFile(file, 'utf8')) as { dependencies?: Record<string, string> })
		: { name: 'installed-nodes', private: true };
	json.dependencies = { ...json.dependencies, [name]: version };
	await writeFile(file, JSON.stringify(json, null, 2));
}

/**
 * What `InstalledPackagesRepository.persistPackageWithNodes` writes, in one transaction: the package
 * (name, version, author) and each node (display name, `<package>.<node>`, latest version), the
 * previous rows replaced. Run with n8n's own Node and sqlite3, the nodes loaded as n8n loads them
 * (n8n's node_modules on NODE_PATH, for n8n-workflow).
 */
async function recordInDatabase(folder: N8nUserFolder, packageFolder: string): Promise<void> {
	// The database exists once any n8n command has run its migrations.
	if (!existsSync(path.join(folder.root, '.n8n', 'database.sqlite'))) {
		const listed = await folder.cli(['list:workflow']);
		if (listed.code !== 0) throw new Error(`n8n list:workflow failed:\n${listed.stdout}${listed.stderr}`);
	}
	const script = `
const path = require('node:path');
const sqlite3 = require(path.join(process.env.N8N_DIR, 'node_modules', 'sqlite3'));
const dir = process.env.PACKAGE_DIR;
const pkg = require(path.join(dir, 'package.json'));
const nodes = pkg.n8n.nodes.map((file) => {
	const exported = require(path.join(dir, file));
	const description = new (Object.values(exported)[0])().description;
	const versions = [].concat(description.version);
	return [description.displayName, pkg.name + '.' + description.name, Math.max(...versions)];
});
const db = new sqlite3.Database(process.env.DB_FILE);
const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
const fail = (error) => { if (error) { console.error(error.message); process.exit(1); } };
db.serialize(() => {
	db.run('BEGIN', fail);
	db.run('DELETE FROM installed_nodes WHERE package = ?', [pkg.name], fail);
	db.run('DELETE FROM installed_packages WHERE packageName = ?', [pkg.name], fail);
	db.run('INSERT INTO installed_packages (packageName, installedVersion, authorName, authorEmail, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)',
		[pkg.name, pkg.version, pkg.author && pkg.author.name, pkg.author && pkg.author.email, now, now], fail);
	for (const node of nodes) db.run('INSERT INTO installed_nodes (name, type, latestVersion, package) VALUES (?, ?, ?, ?)', [...node, pkg.name], fail);
	db.run('COMMIT', fail);
});
db.close(fail);
`;
	await new Promise<void>((resolve, reject) => {
		execFile(
			folder.n8n.node,
			['-e', script],
			{
				cwd: folder.root,
				env: {
					...process.env,
					N8N_DIR: folder.n8n.dir,
					PACKAGE_DIR: packageFolder,
					DB_FILE: path.join(folder.root, '.n8n', 'database.sqlite'),
					NODE_PATH: path.join(folder.n8n.dir, 'node_modules'),
				},
			},
			(error, _stdout, stderr) =>
				error ? reject(new Error(`recording the package in n8n's database failed: ${stderr}`)) : resolve(),
		);
	});
}

/**
 * A newer version of the package in `tarball` for the update test: the version raised and the
 * Gong node's description changed (`marker` appended), so the update is visible in n8n.
 */
export async function newerTarball(tarball: string, version: string, marker: string): Promise<string> {
	const work = path.join(path.dirname(tarball), 'newer');
	await rm(work, { recursive: true, force: true });
	await mkdir(work, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', work], work);
	const manifestPath = path.join(work, 'package', 'package.json');
	const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as PackageJson;
	await writeFile(manifestPath, JSON.stringify({ ...manifest, version }, null, 2));
	const described = (await run('grep', ['-rl', GONG_DESCRIPTION, 'package/dist/nodes/Gong'], work)).trim().split('\n');
	for (const file of described) {
		const full = path.join(work, file);
		await writeFile(full, (await readFile(full, 'utf8')).replace(GONG_DESCRIPTION, `${GONG_DESCRIPTION}${marker}`));
	}
	const out = path.join(path.dirname(tarball), `${manifest.name}-${version}.tgz`);
	await run('tar', ['-czf', out, '-C', work, 'package'], work);
	return out;
}

/** The Gong node's description in n8n's node list (Gong.node.ts). */
export const GONG_DESCRIPTION =
	'Read Gong: calls, speaker-resolved transcripts, users, scorecards, stats, library, Engage flows, audit logs and AI briefs';
