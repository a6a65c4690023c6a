import { createHash, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'crypto';
import { isRecord } from '../shared/helpers/guards';

/**
 * Checks for the two ways a Gong automation rule can authenticate its "Fire webhook" call. Pure
 * functions (no n8n context) so every rule can be tested on its own. A failure is a short reason
 * for the n8n log: never the token, the key or the secret.
 */

/** Tolerance for `exp`, `nbf` and `iat` against this machine's clock. */
export const CLOCK_SKEW_SECONDS = 60;
/** How long a signed request without `exp` is remembered against replays. */
const REPLAY_MEMORY_SECONDS = 86_400;
/** At most this many accepted tokens are remembered (oldest forgotten first). */
const REPLAY_MEMORY_SIZE = 10_000;

const seenTokens = new Map<string, number>();

/**
 * True the first time a signed request is seen; false when the same one comes again before it
 * expires (a replay, or Gong repeating a delivery it thinks failed). In memory, per n8n process.
 */
export function firstDelivery(token: { id: string; expiresAt: number }, now: number): boolean {
	for (const [id, expiresAt] of seenTokens) {
		if (expiresAt > now && seenTokens.size <= REPLAY_MEMORY_SIZE) break;
		seenTokens.delete(id);
	}
	const known = seenTokens.get(token.id);
	if (known !== undefined && known > now) return false;
	seenTokens.set(token.id, token.expiresAt);
	return true;
}

/**
 * `token` identifies an accepted signed request (a hash of its signature) until `expiresAt` (epoch
 * s), so the same request replayed within its lifetime can be told apart from a new one.
 */
export type VerificationResult =
	| { ok: true; token?: { id: string; expiresAt: number } }
	| { ok: false; reason: string; warn?: boolean };

const ok: VerificationResult = { ok: true };
const fail = (reason: string): VerificationResult => ({ ok: false, reason });

function sha256(data: Buffer | string): Buffer {
	return createHash('sha256').update(data).digest();
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

function rewrapPem(label: string, body: string): string {
	const lines = body.match(/.{1,64}/g) ?? [];
	return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * The RSA public key Gong shows on a "Signed JWT header" rule, as pasted by the user: a PEM block
 * (line breaks may have become spaces on the way) or the bare base64 body of an SPKI (or PKCS#1)
 * DER key. Returns undefined when it is not a usable RSA public key.
 */
export function parsePublicKey(raw: string): KeyObject | undefined {
	const text = raw.trim();
	if (!text) return undefined;
	const candidates: Array<() => KeyObject> = [];
	const pem = PEM_BLOCK.exec(text);
	if (pem) {
		const body = pem[2].replace(/\s+/g, '');
		if (!BASE64.test(body)) return undefined;
		candidates.push(() => createPublicKey(rewrapPem(pem[1], body)));
	} else {
		const body = text.replace(/\s+/g, '');
		if (!BASE64.test(body)) return undefined;
		const der = Buffer.from(body, 'base64');
		candidates.push(() => createPublicKey({ key: der, format: 'der', type: 'spki' }));
		candidates.push(() => createPublicKey({ key: der, format: 'der', type: 'pkcs1' }));
	}
	for (const candidate of candidates) {
		try {
			const key = candidate();
			if (key.type === 'public' && key.asymmetricKeyType === 'rsa') return key;
		} catch {
			// Not this encoding: try the next one, and report "unusable" if none fits.
		}
	}
	return undefined;
}

const BASE64URL_PART = /^[A-Za-z0-9_-]+$/;

function decodeJson(part: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
		return isRecord(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

/** The compact JWT from an Authorization header value, with or without the `Bearer ` scheme. */
export function tokenFromHeader(header: unknown): string | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string') return undefined;
	const token = value
		.trim()
		.replace(/^Bearer\s+/i, '')
		.trim();
	return token || undefined;
}

export interface JwtCheck {
	/** The compact JWT (`header.payload.signature`). */
	token: string | undefined;
	key: KeyObject;
	/** The request body exactly as received: `body_sha256` is its hex SHA-256. */
	rawBody: Buffer;
	/** The URLs this request may have been sent to: `webhook_url` must be one of them, exactly. */
	acceptedUrls: string[];
	/** Refuse a token without `exp` (one that would be valid forever). */
	requireExp?: boolean;
	/** Now, in seconds since the epoch. */
	now: number;
}

function timeClaim(payload: Record<string, unknown>, name: string): number | null | undefined {
	const value = payload[name];
	if (value === undefined) return undefined;
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * Gong's "Signed JWT header": an RS256 JWT signed with Gong's private key whose claims bind it to
 * this request — `body_sha256` (hex SHA-256 of the raw body) and `webhook_url` (the URL called).
 * `exp`, `nbf` and `iat` are checked when present (Gong does not document them).
 */
export function verifyGongJwt(check: JwtCheck): VerificationResult {
	if (!check.token) return fail('no Authorization header');
	const parts = check.token.split('.');
	if (parts.length !== 3) return fail('the token is not a JWT');
	const [headerPart, payloadPart, signaturePart] = parts.map((part) => part.replace(/=+$/, ''));
	if (![headerPart, payloadPart, signaturePart].every((part) => BASE64URL_PART.test(part))) {
		return fail('the token is not a JWT');
	}
	const header = decodeJson(headerPart);
	if (!header) return fail('the token header is not JSON');
	// Only RS256: never `none`, never an HMAC algorithm that would take the public key as a secret.
	if (header.alg !== 'RS256') return fail('the token is not signed with RS256');
	if (header.crit !== undefined) return fail('the token has critical header parameters');

	let valid = false;
	try {
		valid = verify(
			'RSA-SHA256',
			Buffer.from(`${headerPart}.${payloadPart}`, 'ascii'),
			check.key,
			Buffer.from(signaturePart, 'base64url'),
		);
	} catch {
		valid = false;
	}
	if (!valid) return fail('the signature does not match the public key');

	const payload = decodeJson(payloadPart);
	if (!payload) return fail('the token payload is not JSON');

	const bodyHash = payload.body_sha256;
	const expectedHash = sha256(check.rawBody).toString('hex');
	if (typeof bodyHash !== 'string' || bodyHash.toLowerCase() !== expectedHash) {
		return fail('body_sha256 does not match the request body');
	}
	const url = payload.webhook_url;
	if (typeof url !== 'string' || !check.acceptedUrls.includes(url)) {
		return fail("webhook_url is not this node's webhook URL");
	}

	const exp = timeClaim(payload, 'exp');
	if (exp === null || (exp !== undefined && check.now >= exp + CLOCK_SKEW_SECONDS))
		return fail('the token has expired');
	if (exp === undefined && check.requireExp !== false) {
		return {
			ok: false,
			warn: true,
			reason:
				'the token has no exp claim, so it would be valid forever; if Gong really sends such tokens, turn on the node option "Accept Tokens Without Expiry"',
		};
	}
	for (const name of ['nbf', 'iat']) {
		const value = timeClaim(payload, name);
		if (value === null || (value !== undefined && value > check.now + CLOCK_SKEW_SECONDS)) {
			return fail(`the token's ${name} is in the future`);
		}
	}
	// A token without exp (allowed by the user) is remembered for a day.
	const expiresAt = (exp ?? check.now + REPLAY_MEMORY_SECONDS) + CLOCK_SKEW_SECONDS;
	return { ok: true, token: { id: sha256(signaturePart).toString('base64url'), expiresAt } };
}

/**
 * The "URL key" mode: the secret the admin appended to the webhook URL as `?key=`. Both sides are
 * hashed first so the comparison is constant-time and takes equal-length inputs whatever was sent.
 */
export function verifyUrlKey(provided: unknown, expected: string): VerificationResult {
	if (!expected) return fail('the node has no URL key');
	if (typeof provided !== 'string' || provided === '') return fail('no key query parameter');
	return timingSafeEqual(sha256(provided), sha256(expected)) ? ok : fail('the key query parameter is wrong');
}
