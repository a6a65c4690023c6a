import { idLocator, requiredWorkspace } from '../../../shared/descriptions';

export const profileWorkspace = requiredWorkspace('The workspace whose permission profiles to list');

export const profileLocator = idLocator({
	displayName: 'Permission Profile',
	name: 'profileId',
	description: 'The permission profile: pick one (after choosing a workspace) or paste its ID',
	searchListMethod: 'searchPermissionProfiles',
	placeholder: 'e.g. 5843152912968920037',
});
