import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The smallest scope set the Gong nodes need. Every scope requested must also be ticked on the Gong
 * integration, otherwise Gong's consent screen fails, so this list is visible and editable.
 */
export const GONG_DEFAULT_SCOPES = [
	'api:calls:read:basic',
	'api:calls:read:extensive',
	'api:calls:read:transcript',
	'api:users:read',
	'api:workspaces:read',
].join(' ');

/**
 * A Gong "integration" (Admin center → Ecosystem → API → Integrations) connected with the
 * authorization-code grant. Extends `oAuth2Api` so the n8n host stores the token data and refreshes
 * it on 401: Gong's refresh tokens are single-use, and only the host can persist the new one.
 * Named `gongIntegrationOAuth2Api` so it does not clash with n8n's built-in `gongOAuth2Api`.
 */
export class GongIntegrationOAuth2Api implements ICredentialType {
	name = 'gongIntegrationOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Gong Integration OAuth2 API';

	icon: Icon = { light: 'file:../nodes/Gong/gong.svg', dark: 'file:../nodes/Gong/gong.dark.svg' };

	documentationUrl = 'https://help.gong.io/docs/create-an-app-for-gong';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Gong Login URL',
			name: 'gongAppUrl',
			type: 'string',
			default: 'https://app.gong.io',
			description:
				'Where Gong signs users in and issues tokens. Keep https://app.gong.io: only change it to point at a Gong stand-in for testing.',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			// An expression over a visible field: n8n applies hidden defaults over stored values.
			default: '={{($self["gongAppUrl"] || "https://app.gong.io").replace(/\\/+$/, "")}}/oauth2/authorize',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default:
				'={{($self["gongAppUrl"] || "https://app.gong.io").replace(/\\/+$/, "")}}/oauth2/generate-customer-token',
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: GONG_DEFAULT_SCOPES,
			hint: 'Space-separated. Tick exactly these scopes on your Gong integration: a scope requested here but not ticked there makes Gong refuse the connection.',
			description:
				'The default covers calls, transcripts, users, workspaces and both triggers. Every other operation names its scope in its description (e.g. Call → Create: api:calls:create); add the ones your workflows use, if they are also ticked on the integration.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			// Gong wants the client id and secret in a Basic header on the token endpoint.
			default: 'header',
		},
		{
			displayName: 'API Base URL Override',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://us-55616.api.gong.io',
			description:
				"Leave empty: Gong's token names the company's API host (api_base_url_for_customer) and requests go there. Used only when the token carries no host; https://api.gong.io otherwise.",
		},
		{
			displayName: 'Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			default: 3,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			description:
				"Gong's rate limit for your company: 3 unless Gong raised it for you. Set it lower to leave a share of the limit to other tools using the same Gong company. The node never goes faster than this, and slows down by itself when Gong answers 429 (other tools, other n8n workers).",
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{(($credentials.oauthTokenData && $credentials.oauthTokenData.api_base_url_for_customer) || $credentials.baseUrl || "https://api.gong.io").replace(/\\/+$/, "")}}',
			url: '/v2/workspaces',
		},
		// Only when n8n is asked to test a connected credential (its editor does not, for this grant).
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						"Gong refused the token (401). Either the connection is no longer valid (reconnect), or the integration was not granted api:workspaces:read: a Gong technical administrator must tick it on the integration and in this credential's Scope field, then reconnect.",
				},
			},
		],
	};
}
