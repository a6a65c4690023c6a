import type { INodeProperties } from 'n8n-workflow';

/** Gong lists company flows plus this user's personal and shared ones. */
export const flowOwnerEmail: INodeProperties = {
	displayName: 'Flow Owner Email',
	name: 'flowOwnerEmail',
	type: 'string',
	placeholder: 'e.g. jane@acme.com',
	default: '',
	required: true,
	description: "A Gong user's email: Gong returns the company's flows plus this user's personal and shared flows",
};
