import { describe, expect, it } from 'vitest';

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

	it('the node is usable as an AI tool and every operation has an action an agent can read', async () => {
		const loader = await loadPackage();
		const { description } = loader.getNode('gong').type as unknown as { description: { usableAsTool?: boolean; properties: Array<Record<string, unknown>> } };
		expect(description.usableAsTool).toBe(true);
		const operations = description.properties.filter((property) => property.name === 'operation');
		const actions = operations.flatMap((property) => (property.options as Array<{ action: string }>).map((option) => option.action));
		expect(actions).toEqual([
			'Get a call',
			'Get many calls',
			'Get a transcript',
			'Get many transcripts',
			'Get a user',
			'Get many users',
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

	it('has no runtime dependencies and n8n-workflow only as a peer', () => {
		expect((packageJson as { dependencies?: object }).dependencies).toBeUndefined();
		expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});
});
