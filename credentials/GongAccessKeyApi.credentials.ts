import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Gong access key (Admin center → Ecosystem → API → API keys). Named `gongAccessKeyApi` so it does
 * not clash with n8n's built-in `gongApi`.
 */
export class GongAccessKeyApi implements ICredentialType {
	name = 'gongAccessKeyApi';

	displayName = 'Gong Access Key API';

	icon: Icon = { light: 'file:../nodes/Gong/gong.svg', dark: 'file:../nodes/Gong/gong.dark.svg' };

	documentationUrl = 'https://help.gong.io/docs/receive-access-to-the-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.gong.io',
			required: true,
			placeholder: 'https://us-55616.api.gong.io',
			hint: "Use the host shown on Gong's API page (Admin center → Ecosystem → API) next to your access key: many companies have their own, such as https://us-55616.api.gong.io.",
		},
		{
			displayName: 'Access Key',
			name: 'accessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Access Key Secret',
			name: 'accessKeySecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.accessKey}}',
				password: '={{$credentials.accessKeySecret}}',
			},
		},
	};

	// Lists workspaces: the lightest call that proves both the key and the host.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v2/workspaces',
		},
		// n8n's tester shows only the HTTP reason ("Unauthorized"), never Gong's words: say what each means.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						"Gong rejected the Access Key or Access Key Secret (401). Check both, and that the Base URL is your company's API host (Gong → Admin center → Ecosystem → API shows it, e.g. https://us-55616.api.gong.io).",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Gong accepted the key but refused to list workspaces (403): a Gong technical administrator can check the API key’s permissions (Admin center → Ecosystem → API).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						"The Base URL does not look like a Gong API host (404 for /v2/workspaces). Use the host shown on Gong's API page, e.g. https://us-55616.api.gong.io.",
				},
			},
		],
	};
}
