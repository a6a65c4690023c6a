/** Which operations each resource offers: the router's dispatch table is checked against this. */
export type GongType = {
	ai: 'ask' | 'getBrief';
	auditLog: 'getAll';
	call: 'create' | 'get' | 'getAll' | 'getAccess' | 'getAllOutcomes' | 'grantAccess' | 'removeAccess' | 'uploadMedia';
	coaching: 'get';
	crm:
		| 'deleteIntegration'
		| 'getIntegrations'
		| 'getRequestStatus'
		| 'getSchema'
		| 'registerIntegration'
		| 'uploadEntities'
		| 'uploadSchema';
	dataPrivacy: 'eraseForEmail' | 'eraseForPhone' | 'getForEmail' | 'getForPhone';
	digitalInteraction: 'create';
	engageFlow:
		| 'assignProspects'
		| 'bulkAssign'
		| 'getAll'
		| 'getAllFolders'
		| 'getSteps'
		| 'getProspectFlows'
		| 'unassign';
	library: 'getAllFolders' | 'getFolderContent';
	meeting: 'create' | 'delete' | 'getIntegrationStatus' | 'update';
	permissionProfile: 'create' | 'get' | 'getAll' | 'getUsers' | 'update';
	scorecard: 'getAll' | 'getAllAnswered';
	stats: 'getUserActivity' | 'getDayByDay' | 'getInteraction';
	task: 'getAll' | 'update';
	tracker: 'getAll';
	transcript: 'get' | 'getAll';
	user: 'get' | 'getAll' | 'getSettingsHistory';
	workspace: 'getAll';
};

export type GongResource = keyof GongType;
