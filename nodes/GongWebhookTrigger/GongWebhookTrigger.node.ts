import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authentication, gongCredentials } from '../shared/descriptions';
import type { GongExtensiveCall } from '../shared/helpers/interfaces';
import { fetchTranscript, type AttachTranscript } from './transcript';
import {
	firstDelivery,
	parsePublicKey,
	tokenFromHeader,
	verifyGongJwt,
	verifyUrlKey,
	type VerificationResult,
} from './verify';
import { assertSupportedHost } from '../shared/helpers/host';
import { isRecord } from '../shared/helpers/guards';

type WebhookAuthentication = 'jwt' | 'urlKey';

/** The one body every rejected request gets: nothing about the key, the secret or the failed check. */
const UNAUTHORIZED = { message: 'Unauthorized' };

function isGongCall(value: unknown): value is GongExtensiveCall {
	if (!isRecord(value) || !isRecord(value.metaData)) return false;
	const id = value.metaData.id;
	return (typeof id === 'string' && id.trim() !== '') || typeof id === 'number';
}

/** The body exactly as Gong sent it (n8n keeps it as `rawBody`), which `body_sha256` hashes. */
function rawBodyOf(ctx: IWebhookFunctions): Buffer {
	const req = ctx.getRequestObject();
	const raw: unknown = req.rawBody;
	if (Buffer.isBuffer(raw)) return raw;
	if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
	// Without the raw bytes the hash can only match if Gong serialised the JSON the same way.
	return Buffer.from(JSON.stringify(req.body ?? {}), 'utf8');
}

/**
 * The URLs Gong may have signed as `webhook_url`: the endpoint serving this request (the production
 * URL, or the test URL while the editor listens for a test event), with and without this request's
 * query string — Gong signs the exact URL pasted in the rule, query included. A token minted for the
 * production URL is not accepted on the test URL, nor the other way round.
 */
function acceptedUrls(ctx: IWebhookFunctions): string[] {
	const req = ctx.getRequestObject();
	const original = typeof req.originalUrl === 'string' ? req.originalUrl : (req.url ?? '');
	const queryAt = original.indexOf('?');
	const query = queryAt >= 0 ? original.slice(queryAt) : '';
	const bases: string[] = [];
	// n8n 2.x: getWebhookResourceUrl tracks the endpoint served, getNodeWebhookUrl is always production.
	// n8n 1.x has only getNodeWebhookUrl (production); the test URL ("Listen for test event", mode
	// manual) is then its origin + the path called, and the production URL is not accepted there.
	const hasResourceUrl = typeof (ctx as Partial<IWebhookFunctions>).getWebhookResourceUrl === 'function';
	const served = hasResourceUrl ? ctx.getWebhookResourceUrl('default') : ctx.getNodeWebhookUrl('default');
	if (served) {
		if (hasResourceUrl || ctx.getMode() !== 'manual') bases.push(served);
		if (!hasResourceUrl && original.startsWith('/')) {
			try {
				bases.push(`${new URL(served).origin}${queryAt >= 0 ? original.slice(0, queryAt) : original}`);
			} catch {
				// n8n's own URL does not parse: only the exact URL can match.
			}
		}
	}
	const urls = new Set<string>();
	for (const base of bases) {
		urls.add(base);
		if (query) urls.add(`${base}${query}`);
	}
	return [...urls];
}

function verifyRequest(ctx: IWebhookFunctions): VerificationResult {
	const mode = ctx.getNodeParameter('webhookAuthentication', 'jwt') as WebhookAuthentication;
	const node = ctx.getNode().name;
	if (mode === 'urlKey') {
		const expected = String(ctx.getNodeParameter('urlKey', '') ?? '').trim();
		if (!expected) {
			ctx.logger.error(`Gong Webhook Trigger "${node}": URL Key is empty, so every request is refused`);
		}
		return verifyUrlKey((ctx.getQueryData() as IDataObject).key, expected);
	}
	if (mode !== 'jwt') return { ok: false, reason: 'unknown Webhook Authentication' };
	const key = parsePublicKey(String(ctx.getNodeParameter('publicKey', '') ?? ''));
	if (!key) {
		// A misconfiguration, not an attack: refuse (no execution) and say so in n8n's log.
		ctx.logger.error(
			`Gong Webhook Trigger "${node}": the Public Key is not an RSA public key (paste the PEM block or its base64 body from the Gong rule), so every request is refused`,
		);
		return { ok: false, reason: 'unusable public key' };
	}
	const options = ctx.getNodeParameter('options', {}) as { acceptTokensWithoutExp?: boolean };
	return verifyGongJwt({
		token: tokenFromHeader(ctx.getHeaderData().authorization),
		key,
		rawBody: rawBodyOf(ctx),
		acceptedUrls: acceptedUrls(ctx),
		requireExp: options.acceptTokensWithoutExp !== true,
		now: Date.now() / 1000,
	});
}

export class GongWebhookTrigger implements INodeType {
	// Refuse to load, saying why, on an n8n older than the supported range (helpers/host.ts).
	static {
		assertSupportedHost();
	}

	description: INodeTypeDescription = {
		displayName: 'Gong Webhook Trigger',
		name: 'gongWebhookTrigger',
		icon: { light: 'file:../Gong/gong.svg', dark: 'file:../Gong/gong.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Call processed" + ($parameter["attachTranscript"] === "none" ? "" : " + transcript")}}',
		description: 'Starts the workflow when a Gong automation rule fires its webhook for a processed call',
		defaults: { name: 'Gong Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: gongCredentials({ attachTranscript: ['text', 'structured'] }),
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		triggerPanel: {
			header: 'Pull in a processed call from Gong',
			executionsHelp: {
				inactive:
					'<b>While building your workflow</b>, paste the test URL into the Gong rule\'s "Fire webhook" action, click "Listen for test event", then "Test now" in Gong. <br /><br /><b>Once you\'re happy with it</b>, put the production URL in the rule and activate the workflow: every call matching the rule then starts an execution.',
				active:
					'<b>While building your workflow</b>, paste the test URL into the Gong rule\'s "Fire webhook" action, click "Listen for test event", then "Test now" in Gong. <br /><br /><b>Your workflow is active</b>: every call matching the rule starts an execution, listed in the executions list.',
			},
			activationHint:
				'Once the Gong rule fires this production URL, each processed call that matches the rule starts an execution.',
		},
		properties: [
			{
				displayName:
					'Gong has no API to register webhooks: a Gong technical administrator adds an automation rule (Admin center → Automation rules) with the action "Fire webhook" and this node\'s URL.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Webhook Authentication',
				name: 'webhookAuthentication',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Signed JWT Header',
						value: 'jwt',
						description:
							'Gong signs each request with its private key; the node checks it with the public key shown in the rule',
					},
					{
						name: 'URL Key',
						value: 'urlKey',
						description: 'A secret appended to the webhook URL in the rule as ?key=…',
					},
				],
				default: 'jwt',
				description: 'How the Gong rule proves a request comes from Gong; choose the same as in the rule',
			},
			{
				displayName: 'Public Key',
				name: 'publicKey',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				required: true,
				placeholder:
					'-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA...\n-----END PUBLIC KEY-----',
				description:
					'The public key Gong shows on the rule when authentication is "Signed JWT header": the PEM block or just its base64 body',
				displayOptions: { show: { webhookAuthentication: ['jwt'] } },
			},
			{
				displayName: 'URL Key',
				name: 'urlKey',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
				description: 'A long random secret. In the Gong rule, paste the webhook URL followed by ?key= and this secret.',
				displayOptions: { show: { webhookAuthentication: ['urlKey'] } },
			},
			{
				displayName: 'Attach Transcript',
				name: 'attachTranscript',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'None', value: 'none', description: 'Output the call as Gong sent it' },
					{
						name: 'Plain Text',
						value: 'text',
						description: 'Add the transcript as "Name: text" lines, speakers named from the call\'s participants',
					},
					{
						name: 'Structured',
						value: 'structured',
						description: 'Add the transcript as monologues with speaker, affiliation, timings and sentences',
					},
				],
				default: 'none',
				description:
					'Fetch the call\'s transcript from the Gong API and add it as "transcript". If it is not ready yet, "transcript" is null and "transcriptError" says why.',
			},
			{
				...authentication,
				description: 'The Gong API credential used to fetch the transcript',
				displayOptions: { hide: { attachTranscript: ['none'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Ignore Test Events',
						name: 'ignoreTestEvents',
						type: 'boolean',
						default: false,
						description: 'Whether to answer Gong\'s "Test now" requests (isTest: true) without starting an execution',
					},
					{
						displayName: 'Accept Tokens Without Expiry',
						name: 'acceptTokensWithoutExp',
						type: 'boolean',
						default: false,
						displayOptions: { show: { '/webhookAuthentication': ['jwt'] } },
						description:
							'Whether to accept a signed token that has no "exp" claim. Such a token would be valid forever, so it is refused unless this is on; it is still accepted only once.',
					},
				],
			},
		],
	};

	/**
	 * Gong has no API to create, list or delete webhooks: a Gong technical administrator creates the
	 * automation rule ("Fire webhook") in Gong's Admin center by hand. There is nothing to register
	 * on activation or to remove on deactivation, so these only report success.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject();

		const verification = verifyRequest(this);
		if (!verification.ok) {
			const log = `Gong Webhook Trigger "${this.getNode().name}" refused a request: ${verification.reason}`;
			// A refusal the admin must act on (a setting) is a warning; a forgery is only debug noise.
			if (verification.warn) this.logger.warn(log);
			else this.logger.debug(log);
			res.status(401).json(UNAUTHORIZED);
			return { noWebhookResponse: true };
		}
		// The same signed request again (a replay, or Gong repeating a delivery): answered, not run twice.
		if (verification.token && !firstDelivery(verification.token, Date.now() / 1000)) {
			res.status(200).json({ message: 'Already received' });
			return { noWebhookResponse: true };
		}

		const body: unknown = this.getBodyData();
		const callData = isRecord(body) ? body.callData : undefined;
		if (!isRecord(body) || !isGongCall(callData)) {
			res.status(400).json({ message: 'Not a Gong call webhook' });
			return { noWebhookResponse: true };
		}

		const isTest = body.isTest === true || body.isTest === 'true';
		const options = this.getNodeParameter('options', {}) as { ignoreTestEvents?: boolean };
		if (isTest && options.ignoreTestEvents === true) {
			res.status(200).json({ ignored: true });
			return { noWebhookResponse: true };
		}

		const json: IDataObject = { ...callData, isTest };
		const attach = this.getNodeParameter('attachTranscript', 'none') as AttachTranscript;
		if (attach !== 'text' && attach !== 'structured') {
			return { workflowData: [this.helpers.returnJsonArray(json)] };
		}

		// Fetching the transcript can wait on Gong's rate limit and retries: answer Gong now, as
		// "onReceived" would, so its webhook call does not time out, and start the execution after.
		res.status(200).json({ message: 'Workflow was started' });
		Object.assign(json, await fetchTranscript.call(this, callData, attach));
		return { workflowData: [this.helpers.returnJsonArray(json)], noWebhookResponse: true };
	}
}
