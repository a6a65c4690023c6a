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
	const response = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(owner),
	});
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
