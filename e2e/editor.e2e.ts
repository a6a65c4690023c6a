/**
 * The editor, in a real browser: Debian's Chromium (headless, driven by playwright-core) against
 * `n8n start` with the package installed from its npm tarball. Finds the node by searching "Gong",
 * adds it, walks every resource and operation checking the fields shown, runs it against the Gong
 * stand-in from the editor, and checks the icon in the light and dark themes. Screenshots go to
 * .e2e/screenshots/.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

import { GongStandIn } from '../test/stand-in/gong-stand-in';
import { launchChromium } from './harness/browser';
import {
	accessKeyCredential,
	AGENT_EXAMPLE,
	EXAMPLES,
	exampleWorkflow,
	readExampleFile,
	sampleStandInOptions,
} from './harness/gong';
import { freePort, N8nUserFolder, provisionN8n, REPO_ROOT, type RunningN8n, type WorkflowJson } from './harness/n8n';
import { packPackage } from './harness/pack';
import { installAsN8nDoes } from './harness/installer';
import { loginBody, setUpOwner } from './harness/rest';

const SCREENSHOTS = path.join(REPO_ROOT, '.e2e', 'screenshots');

/** The parameters each resource/operation must show (by parameter name), and none of the others. */
const FIELDS: Record<string, Record<string, string[]>> = {
	call: {
		get: ['callId', 'callOutput', 'include'],
		getAll: ['returnAll', 'limit', 'filters', 'callOutput', 'include'],
	},
	transcript: {
		get: ['callId', 'outputFormat', 'options'],
		getAll: ['returnAll', 'limit', 'filters', 'outputFormat', 'options'],
	},
	user: {
		get: ['userId'],
		getAll: ['returnAll', 'limit', 'filters'],
	},
};

/** The other resources, each with the fields of the operation it opens on. */
const MORE_RESOURCES: Record<string, { label: string; fields: string[] }> = {
	ai: { label: 'AI', fields: ['workspaceId', 'crmEntityType', 'crmEntityId', 'timePeriod', 'question'] },
	auditLog: { label: 'Audit Log', fields: ['logType', 'fromDateTime', 'toDateTime', 'returnAll', 'limit'] },
	coaching: { label: 'Coaching', fields: ['workspaceId', 'managerId', 'from', 'to'] },
	// Get Integrations takes nothing but the credential.
	crm: { label: 'CRM', fields: [] },
	dataPrivacy: { label: 'Data Privacy', fields: ['emailAddress'] },
	digitalInteraction: {
		label: 'Digital Interaction',
		fields: ['eventId', 'timestamp', 'eventType', 'contentTitle', 'person', 'additionalFields'],
	},
	engageFlow: { label: 'Engage Flow', fields: ['flowOwnerEmail', 'returnAll', 'limit', 'filters'] },
	library: { label: 'Library', fields: ['output', 'returnAll', 'limit', 'filters'] },
	meeting: {
		label: 'Meeting',
		fields: ['organizerEmail', 'startTime', 'endTime', 'title', 'invitees', 'additionalFields'],
	},
	permissionProfile: { label: 'Permission Profile', fields: ['workspaceId', 'returnAll', 'limit'] },
	scorecard: { label: 'Scorecard', fields: ['returnAll', 'limit', 'filters'] },
	stats: { label: 'Stat', fields: ['fromDate', 'toDate', 'aggregation', 'userIds', 'returnAll', 'limit'] },
	task: { label: 'Task', fields: ['userId', 'status', 'types', 'returnAll', 'limit', 'filters'] },
	tracker: { label: 'Tracker', fields: ['returnAll', 'limit', 'filters'] },
	workspace: { label: 'Workspace', fields: ['returnAll', 'limit'] },
};
const OPTION_LABELS: Record<string, string> = {
	call: 'Call',
	transcript: 'Transcript',
	user: 'User',
	get: 'Get',
	getAll: 'Get Many',
};
const ALL_FIELDS = [
	...new Set([
		...Object.values(FIELDS).flatMap((operations) => Object.values(operations).flat()),
		...Object.values(MORE_RESOURCES).flatMap((resource) => resource.fields),
	]),
];

let standIn: GongStandIn;
let n8n: RunningN8n;
let browser: Browser;
/** n8n's major version: the editors of 1.x and 2.x differ in places (see the node panel test). */
let n8nMajor: number;
const consoleErrors: string[] = [];

beforeAll(async () => {
	await mkdir(SCREENSHOTS, { recursive: true });
	const install = await provisionN8n();
	n8nMajor = install.major;
	const tarball = await packPackage();
	const folder = await N8nUserFolder.create(install, path.join(REPO_ROOT, '.e2e', 'editor'));
	await installAsN8nDoes(folder, tarball);
	standIn = await GongStandIn.start(sampleStandInOptions());
	const credential = accessKeyCredential(standIn);
	await folder.importCredentials([credential, AGENT_MODEL_CREDENTIAL]);
	await folder.importWorkflows([await exampleWorkflow('transcripts', credential), await agentExample(credential.id)]);
	n8n = await folder.start(await freePort());
	await setUpOwner(n8n.url);
	browser = await launchChromium();
}, 20 * 60_000);

afterAll(async () => {
	await browser?.close();
	await n8n?.stop();
	await standIn?.stop();
});

async function signedIn(colorScheme: 'light' | 'dark'): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme });
	const login = await context.request.post(`${n8n.url}/rest/login`, {
		headers: { 'content-type': 'application/json' },
		data: loginBody(),
	});
	expect(login.status()).toBe(200);
	const page = await context.newPage();
	page.setDefaultTimeout(20_000);
	page.on('pageerror', (error) => consoleErrors.push(error.message));
	return { context, page };
}

const shot = async (page: Page, name: string): Promise<void> => {
	// Finished transitions: a list that is fading in is shown as it ends up.
	await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
};

/** An <img> that loaded: the browser fetched and decoded it. */
async function expectIconLoaded(img: Locator, file: 'gong.svg' | 'gong.dark.svg'): Promise<void> {
	await expect
		.poll(async () => await img.getAttribute('src'))
		.toMatch(new RegExp(`/icons/n8n-nodes-gong/dist/nodes/Gong/${file.replace('.', '\\.')}$`));
	await expect
		.poll(async () => await img.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0))
		.toBe(true);
}

/** This package's Gong in the node panel's list (n8n's built-in Gong is listed beside it). */
const ourPanelItem = (page: Page): Locator =>
	page.locator('[data-test-id="item-iterator-item"][data-keyboard-nav-id^="n8n-nodes-gong.gong-"]');

/** The parameter names the node's Parameters tab shows right now. */
async function visibleParameters(page: Page): Promise<string[]> {
	const labels = page.getByTestId('node-parameters').locator('label[for]');
	const names = await labels.evaluateAll((elements) =>
		elements
			.filter((element) => (element as HTMLElement).offsetParent !== null)
			.map((element) => element.getAttribute('for') ?? ''),
	);
	return names.filter((name) => ALL_FIELDS.includes(name));
}

async function choose(page: Page, parameter: string, option: string): Promise<void> {
	await page.getByTestId(`parameter-input-${parameter}`).click();
	await page
		.getByRole('option', { name: new RegExp(`^${option}\\b`) })
		.first()
		.click();
}

describe('the n8n editor with n8n-nodes-gong installed', () => {
	let page: Page;
	let context: BrowserContext;

	beforeAll(async () => {
		({ page, context } = await signedIn('light'));
	});
	afterAll(async () => await context?.close());

	it('the node panel finds the Gong nodes when searching "Gong", with their icon', async () => {
		await page.goto(`${n8n.url}/home/workflows`);
		await page.getByRole('button', { name: 'Create workflow' }).first().click();
		await page.getByTestId('canvas-add-button').click();
		await page.getByTestId('node-creator-search-bar').fill('Gong');

		const ours = ourPanelItem(page);
		await expect.poll(async () => await ours.count()).toBe(1);
		// n8n 2.x shows each search result's description in the list; 1.x shows none for results
		// searched from the panel's root (its NodeItem blanks the description when the subcategory is
		// "*"), so there it is checked only on the node's details page below, which both show.
		if (n8nMajor >= 2) {
			await expect
				.poll(async () => await ours.getByTestId('node-creator-item-description').innerText())
				.toMatch(/processed call/);
		}
		const webhook = page.locator(
			'[data-test-id="item-iterator-item"][data-keyboard-nav-id^="n8n-nodes-gong.gongWebhookTrigger"]',
		);
		await expect
			.poll(async () => await webhook.getByTestId('node-creator-item-name').innerText())
			.toBe('Gong Webhook Trigger');
		await expectIconLoaded(ours.locator('img').first(), 'gong.svg');
		await shot(page, '1-node-panel-search-gong');

		await ours.click();
		const creator = page.getByTestId('node-creator');
		// The node's details page (community nodes open it in both majors) leads with its description.
		await expect.poll(async () => await creator.getByText(/processed call/).innerText()).toMatch(/processed call/);
		await creator.getByText(/^Actions \(56\)/).click();
		for (const label of [
			'On new call',
			'On transcript ready',
			'Get a call',
			'Get many calls',
			'Get a transcript',
			'Get many transcripts',
			'Get a user',
			'Get many users',
			'Get many workspaces',
			'Get many answered scorecards',
			'Ask about a CRM entity',
		]) {
			await expect
				.poll(async () => await creator.getByText(label, { exact: true }).count(), { message: label })
				.toBe(1);
		}
		await shot(page, '2-node-panel-gong-actions');
	});

	it('adding "Get many transcripts" opens the node; every resource and operation shows its own fields', async () => {
		await page.getByTestId('node-creator').getByText('Get many transcripts', { exact: true }).click();
		await expect.poll(async () => await page.getByTestId('ndv').isVisible()).toBe(true);
		// The only Gong credential of the instance is picked for the new node.
		await expect
			.poll(
				async () =>
					await page
						.getByTestId('ndv')
						.locator('input')
						.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
			)
			.toContain('Gong stand-in (access key)');
		await expect.poll(async () => (await visibleParameters(page)).sort()).toEqual([...FIELDS.transcript.getAll].sort());

		for (const [resource, operations] of Object.entries(FIELDS)) {
			await choose(page, 'resource', OPTION_LABELS[resource]);
			for (const [operation, fields] of Object.entries(operations)) {
				await choose(page, 'operation', OPTION_LABELS[operation]);
				await expect
					.poll(async () => (await visibleParameters(page)).sort(), { message: `${resource} → ${operation}` })
					.toEqual([...fields].sort());
			}
		}
		for (const [resource, { label, fields }] of Object.entries(MORE_RESOURCES)) {
			await choose(page, 'resource', label);
			await expect
				.poll(async () => (await visibleParameters(page)).sort(), { message: resource })
				.toEqual([...fields].sort());
		}
		// The Resource list, open from its top: every Gong resource the node reads.
		await choose(page, 'resource', 'AI');
		await page.getByTestId('parameter-input-resource').click();
		await expect.poll(async () => await page.getByRole('option', { name: /^Audit Log\b/ }).isVisible()).toBe(true);
		await shot(page, '3-node-resources');
		await page.keyboard.press('Escape');
		await choose(page, 'resource', 'Transcript');
		await choose(page, 'operation', 'Get Many');
		// "Return All" on hides "Limit".
		await page.getByTestId('parameter-input-returnAll').locator('.el-switch').click();
		await expect.poll(async () => (await visibleParameters(page)).includes('limit')).toBe(false);
		await page.getByTestId('parameter-input-returnAll').locator('.el-switch').click();
	});

	it('a configured node runs from the editor against the stand-in and shows the transcripts', async () => {
		await choose(page, 'resource', 'Transcript');
		await choose(page, 'operation', 'Get Many');
		const limit = page.getByTestId('parameter-input-limit').locator('input');
		await limit.fill('3');
		await limit.blur();
		await choose(page, 'outputFormat', 'Plain Text');
		await page.getByTestId('node-execute-button').click();
		const output = page.getByTestId('output-panel');
		await expect.poll(async () => await output.innerText(), { timeout: 60_000 }).toMatch(/3 items/);
		await shot(page, '4-configured-node-transcripts');
		const requests = standIn.log.filter((entry) => entry.path === '/v2/calls/transcript');
		expect(requests.length).toBeGreaterThan(0);
		expect(requests.every((entry) => entry.status === 200 && entry.auth === 'basic')).toBe(true);
	});
});

/** A placeholder OpenAI credential, so the agent example opens without credential warnings. */
const AGENT_MODEL_CREDENTIAL = {
	id: 'openAiEditor0001',
	name: 'OpenAI account',
	type: 'openAiApi',
	data: { apiKey: 'sk-not-used', url: 'https://api.openai.com/v1' },
};
const AGENT_WORKFLOW_ID = 'gongAgentExampl1';

/** examples/gong-agent.workflow.json with its credentials pointed at the imported ones. */
async function agentExample(gongCredentialId: string): Promise<WorkflowJson> {
	const workflow = await readExampleFile(AGENT_EXAMPLE.file);
	for (const node of workflow.nodes) {
		if (node.credentials?.gongAccessKeyApi)
			node.credentials = { gongAccessKeyApi: { id: gongCredentialId, name: 'Gong stand-in (access key)' } };
		if (node.credentials?.openAiApi)
			node.credentials = { openAiApi: { id: AGENT_MODEL_CREDENTIAL.id, name: AGENT_MODEL_CREDENTIAL.name } };
	}
	return { ...workflow, id: AGENT_WORKFLOW_ID };
}

describe('the AI-agent example in the editor', () => {
	it('opens with the AI Agent, its chat model and the three Gong tools connected (README screenshot)', async () => {
		const { context, page } = await signedIn('light');
		await page.goto(`${n8n.url}/workflow/${AGENT_WORKFLOW_ID}`);
		for (const name of [AGENT_EXAMPLE.agent, AGENT_EXAMPLE.model, ...Object.values(AGENT_EXAMPLE.tools)]) {
			const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
			await expect.poll(async () => await node.isVisible(), { message: name, timeout: 30_000 }).toBe(true);
		}
		// The Gong tools are this package's: n8n shows them with the Gong icon.
		await expectIconLoaded(
			page.locator(`[data-test-id="canvas-node"][data-node-name="${AGENT_EXAMPLE.tools.search}"] img`).first(),
			'gong.svg',
		);
		await shot(page, '7-agent-example');
		await context.close();
	});
});

describe('the node icon in the light and dark themes', () => {
	for (const theme of ['light', 'dark'] as const) {
		it(`${theme}: the canvas node and the node panel show ${theme === 'dark' ? 'gong.dark.svg' : 'gong.svg'}`, async () => {
			const { context, page } = await signedIn(theme);
			try {
				const file = theme === 'dark' ? 'gong.dark.svg' : 'gong.svg';
				await page.goto(`${n8n.url}/workflow/${EXAMPLES.transcripts.id}`);
				const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${EXAMPLES.transcripts.node}"]`);
				await expectIconLoaded(node.locator('img').first(), file);
				// The editor itself follows the browser's colour scheme: its canvas is dark or light.
				const { background, luminance } = await page.getByTestId('canvas').evaluate((element) => {
					// The first painted background from the canvas outwards, rendered to one pixel to read it
					// as RGB whatever colour syntax the style uses (n8n's is oklch).
					let color = 'rgb(255, 255, 255)';
					for (let at: Element | null = element; at; at = at.parentElement) {
						const candidate = getComputedStyle(at).backgroundColor;
						if (candidate !== 'rgba(0, 0, 0, 0)' && candidate !== 'transparent') {
							color = candidate;
							break;
						}
					}
					const pixel = document.createElement('canvas').getContext('2d')!;
					pixel.fillStyle = color;
					pixel.fillRect(0, 0, 1, 1);
					const [red, green, blue] = pixel.getImageData(0, 0, 1, 1).data;
					return { background: color, luminance: (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255 };
				});
				if (theme === 'dark') expect(luminance, background).toBeLessThan(0.35);
				else expect(luminance, background).toBeGreaterThan(0.65);
				await shot(page, `5-canvas-${theme}`);

				await page.getByTestId('node-creator-plus-button').click();
				await page.getByTestId('node-creator-search-bar').fill('Gong');
				const ours = ourPanelItem(page);
				await expectIconLoaded(ours.locator('img').first(), file);
				await shot(page, `6-node-panel-${theme}`);
			} finally {
				await context.close();
			}
		});
	}
});
