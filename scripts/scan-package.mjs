#!/usr/bin/env node
// Runs n8n's community-package scanner (@n8n/scan-community-package 0.32.0, installed by
// scripts/scan into .tools/scanner, not a devDependency: one of its dependencies runs
// `npx only-allow pnpm` on install, which fails where npx may not download) without publishing. Its CLI (`npx @n8n/scan-community-package <name>`) only scans a package already on
// npm, and first needs npm provenance, so here we call the same analysis function it calls, on the
// same two legs: (a) this checkout, (b) the tarball `npm pack` makes from it.
// Usage: npm run scan (scripts/scan: builds, installs the scanner, runs this; exit 0 = both legs pass)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// The package has no `main`/`exports`; its library is the internal file the CLI imports
// (scanner/scanner.mjs), so that path is imported directly. Pinned to 0.32.0, where
// analyzePackage and SOURCE_FILE_PATTERNS are exported from it.
const SCANNER = join(
	process.env.SCANNER_DIR ?? fileURLToPath(new URL('../.tools/scanner', import.meta.url)),
	'node_modules/@n8n/scan-community-package/scanner/scanner.mjs',
);
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(SCANNER);
const scannerRequire = createRequire(SCANNER);

// The scanner creates a temp dir when loaded and removes it only if asked to.
scannerRequire('tmp').setGracefulCleanup();

// analyzePackage returns only pass/fail plus a formatted text. To list violations as
// file:line:rule:message we record what ESLint returns, wrapping the ESLint class the scanner
// itself resolves (eslint is CommonJS, so both imports share one module instance). The
// pass/fail verdict stays the scanner's own.
const { ESLint } = scannerRequire('eslint');
let lastResults = [];
const lintFiles = ESLint.prototype.lintFiles;
ESLint.prototype.lintFiles = async function (...args) {
	lastResults = await lintFiles.apply(this, args);
	return lastResults;
};

const repoDir = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args, cwd) => {
	const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
	return r.stdout;
};

async function scanLeg(label, dir, patterns) {
	lastResults = [];
	const started = Date.now();
	const result = await analyzePackage(dir, patterns);
	// The scanner passes a leg with no files ("No files found to analyze"); here that means a
	// wrong path or an empty pack, so it fails.
	const passed = result.passed && lastResults.length > 0;
	const secs = ((Date.now() - started) / 1000).toFixed(1);
	console.log(
		`${passed ? 'PASS' : 'FAIL'} ${label}: ${lastResults.length} files analysed in ${secs}s (${patterns.join(', ')})`,
	);
	for (const file of lastResults) {
		for (const m of file.messages) {
			const kind = m.severity === 2 ? 'error' : 'warning';
			console.log(`  ${relative(dir, file.filePath)}:${m.line ?? 0}: ${m.ruleId ?? 'parse'}: ${m.message} [${kind}]`);
		}
	}
	if (!passed) console.log(`  reason: ${result.message ?? 'no files matched'}`);
	return passed;
}

const work = mkdtempSync(join(tmpdir(), 'scan-package-'));
let ok = false;
try {
	// --ignore-scripts: dist/ is built beforehand; pack exactly what is on disk.
	const [{ filename }] = JSON.parse(
		run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], repoDir),
	);
	const pkgDir = join(work, 'package');
	mkdirSync(pkgDir);
	// Same extraction as the CLI: strip the tarball's top-level `package/` folder.
	run('tar', ['-xzf', join(work, filename), '-C', pkgDir, '--strip-components=1']);

	// (a) Checkout: the CLI lints the source checkout recorded in the npm provenance with
	// SOURCE_FILE_PATTERNS (package.json + {nodes,credentials}/**/*.{js,ts,json}), i.e. the
	// shipped .ts sources; this checkout is that source, so the same patterns apply. Tests,
	// e2e, bench and configs are not shipped and are left out, as the CLI leaves them out.
	const source = await scanLeg('checkout', repoDir, SOURCE_FILE_PATTERNS);
	// (b) Tarball: the CLI lints compiled .js and the published package.json only
	// (`['**/*.js', 'package.json']` in analyzePackageByName, not exported).
	const tarball = await scanLeg(`tarball ${filename}`, pkgDir, ['**/*.js', 'package.json']);
	ok = source && tarball;
} catch (error) {
	console.error(`scan-package: ${error.message}`);
} finally {
	rmSync(work, { recursive: true, force: true });
}
console.log(ok ? 'Community package scan passed.' : 'Community package scan FAILED.');
process.exit(ok ? 0 : 1);
