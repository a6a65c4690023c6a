/**
 * The n8n versions this package is tested on (README "Supported n8n"): n8n 1.123 — whose
 * n8n-workflow is 1.120 — through n8n 2.x. n8n's installer strips peer dependencies, so npm never
 * checks the host; the package checks the n8n-workflow the host gives it instead.
 */
const OLDEST = { n8n: '1.123', n8nWorkflow: [1, 120] as const };

/** Why the package cannot run on an n8n whose n8n-workflow has `version`; undefined when it can. */
export function unsupportedHost(version: string | undefined): string | undefined {
	const [major, minor] = (version ?? '').split('.').map(Number);
	if (!Number.isInteger(major) || !Number.isInteger(minor)) return undefined;
	const [oldestMajor, oldestMinor] = OLDEST.n8nWorkflow;
	if (major > oldestMajor || (major === oldestMajor && minor >= oldestMinor)) return undefined;
	return `n8n-nodes-gong needs n8n ${OLDEST.n8n} or later: this n8n's n8n-workflow is ${version} (n8n ${OLDEST.n8n} has ${oldestMajor}.${oldestMinor}). Update n8n, then install the package again.`;
}

function hostWorkflowVersion(): string | undefined {
	try {
		// The host's own n8n-workflow (n8n puts its node_modules on the module path).
		return (require('n8n-workflow/package.json') as { version?: string }).version;
	} catch {
		// Not readable: nothing to say about the host.
		return undefined;
	}
}

/**
 * Called when n8n loads a node class: on an n8n older than the supported range the package refuses
 * to load with a message that says why (n8n shows it when installing, and logs it at start),
 * instead of loading and half-working.
 */
export function assertSupportedHost(): void {
	const problem = unsupportedHost(hostWorkflowVersion());
	// A plain Error: an n8n that old may lack the error classes of today's n8n-workflow.
	if (problem) throw new Error(problem);
}
