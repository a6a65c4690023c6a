import { describe, expect, it } from 'vitest';

import { unsupportedHost } from '../nodes/shared/helpers/host';
import packageJson from '../package.json';
import { loadPackage } from './support/n8n-harness';

describe('Package', () => {
	it('n8n loads every node and credential listed in package.json from dist/', async () => {
		const loader = await loadPackage();
		expect(Object.keys(loader.nodeTypes)).toEqual(['gong', 'gongTrigger', 'gongWebhookTrigger']);
		expect(Object.keys(loader.credentialTypes).sort()).toEqual(['gongAccessKeyApi', 'gongIntegrationOAuth2Api']);
		expect(packageJson.n8n.nodes).toEqual([
			'dist/nodes/Gong/Gong.node.js',
			'dist/nodes/GongTrigger/GongTrigger.node.js',
			'dist/nodes/GongWebhookTrigger/GongWebhookTrigger.node.js',
		]);
	});

	it('credential names do not clash with n8n’s built-in Gong credentials', async () => {
		const loader = await loadPackage();
		for (const name of Object.keys(loader.credentialTypes)) expect(['gongApi', 'gongOAuth2Api']).not.toContain(name);
	});

	it('the node is usable as an AI tool; every operation has an action an agent can read and names its OAuth scope', async () => {
		const loader = await loadPackage();
		const { description } = loader.getNode('gong').type as unknown as {
			description: { usableAsTool?: boolean; properties: Array<Record<string, unknown>> };
		};
		expect(description.usableAsTool).toBe(true);
		const operations = description.properties.filter((property) => property.name === 'operation');
		const actions = operations.flatMap((property) =>
			(property.options as Array<{ action: string }>).map((option) => option.action),
		);
		for (const property of operations) {
			for (const option of property.options as Array<{ description: string }>) {
				expect(option.description).toMatch(/Scopes?: api:[a-z-]+:/);
			}
		}
		expect(actions).toEqual([
			'Ask about a CRM entity',
			'Get an account or deal brief',
			'Get many audit log entries',
			'Create a call',
			'Get a call',
			'Get who has access to a call',
			'Get many calls',
			'Get many call outcomes',
			'Grant users access to a call',
			'Remove users access to a call',
			'Upload the recording of a call',
			'Get coaching metrics',
			'Delete the CRM integration',
			'Get the CRM integrations',
			'Get the status of a CRM request',
			'Get the CRM schema of an object type',
			'Register a CRM integration',
			'Upload CRM entities',
			'Upload the CRM schema of an object type',
			'Erase all data for an email address irreversibly',
			'Erase all data for a phone number irreversibly',
			'Get data for an email address',
			'Get data for a phone number',
			'Create a digital interaction',
			'Assign prospects to a flow',
			'Bulk assign prospects to a flow',
			'Get many flows',
			'Get many flow folders',
			'Get the flows of prospects',
			'Get the steps of a flow',
			'Unassign prospects from flows',
			'Get the calls in a library folder',
			'Get many library folders',
			'Create a meeting',
			'Delete a meeting',
			'Get the meeting integration status of users',
			'Update a meeting',
			'Create a permission profile',
			'Get a permission profile',
			'Get many permission profiles',
			'Get the users of a permission profile',
			'Update a permission profile',
			'Get many scorecards',
			'Get many answered scorecards',
			'Get day by day activity',
			'Get interaction stats',
			'Get user activity',
			'Get many tasks',
			'Update a task',
			'Get many trackers',
			'Get a transcript',
			'Get many transcripts',
			'Get a user',
			'Get many users',
			'Get the settings history of a user',
			'Get many workspaces',
		]);
	});

	it('the OAuth2 credential shows a Scopes field defaulting to the smallest set the node needs', async () => {
		const loader = await loadPackage();
		const scope = loader.getCredential('gongIntegrationOAuth2Api').type.properties.find((p) => p.name === 'scope')!;
		expect(scope.type).toBe('string');
		expect(String(scope.default).split(' ')).toEqual([
			'api:calls:read:basic',
			'api:calls:read:extensive',
			'api:calls:read:transcript',
			'api:users:read',
			'api:workspaces:read',
		]);
	});

	it('"main" names a file the package ships: the Gong node, which n8n loads above', () => {
		expect(packageJson.main).toBe(packageJson.n8n.nodes[0]);
		expect(packageJson.files).toEqual(['dist']);
	});

	it('has no runtime dependencies and n8n-workflow only as a peer', () => {
		expect((packageJson as { dependencies?: object }).dependencies).toBeUndefined();
		// n8n's scanner requires "*": the host's n8n-workflow is checked when the nodes load (helpers/host.ts).
		expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(packageJson.engines).toEqual({ node: '>=20.19' });
	});

	it('refuses to load on an n8n older than 1.123 (n8n-workflow 1.120), saying why; loads on 1.123 and 2.x', () => {
		expect(unsupportedHost('1.119.4')).toBe(
			"n8n-nodes-gong needs n8n 1.123 or later: this n8n's n8n-workflow is 1.119.4 (n8n 1.123 has 1.120). Update n8n, then install the package again.",
		);
		expect(unsupportedHost('0.236.3')).toMatch(/^n8n-nodes-gong needs n8n 1.123 or later/);
		for (const version of ['1.120.0', '1.120.31', '2.41.0', '3.0.0', undefined, 'unreadable']) {
			expect(unsupportedHost(version), String(version)).toBeUndefined();
		}
	});
});
