import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';

import { REPO_ROOT, run } from './n8n';

/** `npm pack` of the built package, as it would be published; returns the tarball's path. */
export async function packPackage(): Promise<string> {
	const dir = path.join(REPO_ROOT, '.e2e', 'pack');
	await rm(dir, { recursive: true, force: true });
	await mkdir(dir, { recursive: true });
	const out = await run('npm', ['pack', '--json', '--pack-destination', dir], REPO_ROOT);
	const [packed] = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string }>;
	return path.join(dir, packed.filename);
}
