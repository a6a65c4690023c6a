import type { GongUser } from './interfaces';

/** "First Last (email)" for lists; falls back to the email, then the id. */
export function userName(user: GongUser): string {
	const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
	return name ? `${name}${user.emailAddress ? ` (${user.emailAddress})` : ''}` : (user.emailAddress ?? user.id);
}
