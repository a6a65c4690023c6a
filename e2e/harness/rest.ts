/** The few calls to n8n's internal REST API a fresh instance needs before a person or a browser uses it. */

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** A local account for `npm run dev` and the browser test; it only ever exists in a throwaway user folder. */
export const DEV_OWNER: Owner = {
	email: 'dev@n8n-nodes-gong.test',
	password: 'Gong-dev-2026',
	firstName: 'Gong',
	lastName: 'Developer',
};

/** Creates the instance owner unless the instance already has one; returns the owner's login. */
export async function setUpOwner(baseUrl: string, owner: Owner = DEV_OWNER): Promise<Owner> {
	const send = () =>
		fetch(`${baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(owner),
		});
	let response = await send();
	// n8n 1.x answers /healthz/readiness before it has registered its REST routes.
	for (let attempt = 0; response.status === 404 && attempt < 60; attempt++) {
		await new Promise((resolve) => setTimeout(resolve, 500));
		response = await send();
	}
	if (response.ok) return owner;
	const text = await response.text();
	// A folder reused by `npm run dev` already has its owner.
	if (response.status === 400 && /already/i.test(text)) return owner;
	throw new Error(`n8n owner set-up failed: ${response.status} ${text.slice(0, 300)}`);
}

/** The body n8n's POST /rest/login takes (2.x names the field emailOrLdapLoginId). */
export function loginBody(owner: Owner = DEV_OWNER): string {
	return JSON.stringify({ emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password });
}

/** A signed-in session on n8n's internal REST API (the editor's own calls), by its auth cookie. */
export class RestSession {
	private constructor(
		readonly baseUrl: string,
		private readonly cookie: string,
	) {}

	static async login(baseUrl: string, owner: Owner = DEV_OWNER): Promise<RestSession> {
		const response = await fetch(`${baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: loginBody(owner),
		});
		if (!response.ok) throw new Error(`n8n login failed: ${response.status} ${(await response.text()).slice(0, 300)}`);
		const cookie = response.headers
			.getSetCookie()
			.map((header) => header.split(';')[0])
			.join('; ');
		return new RestSession(baseUrl, cookie);
	}

	/** The node types n8n offers in its editor (`/types/nodes.json`): what a person can put on the canvas. */
	async nodeTypes(): Promise<ServedNodeType[]> {
		const response = await fetch(`${this.baseUrl}/types/nodes.json`, { headers: { cookie: this.cookie } });
		if (!response.ok) throw new Error(`n8n /types/nodes.json: ${response.status}`);
		return (await response.json()) as ServedNodeType[];
	}

	/** The `data` of n8n's `{ data }` answer. */
	async request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`n8n ${method} /rest${path}: ${response.status} ${text.slice(0, 300)}`);
		// DELETE /rest/community-packages answers 200 with an empty body.
		return text ? (JSON.parse(text) as { data: T }).data : (undefined as T);
	}
}

/** A node type as n8n serves it to the editor (`/types/nodes.json`). */
export interface ServedNodeType {
	name: string;
	displayName: string;
	description: string;
	version: number | number[];
}
