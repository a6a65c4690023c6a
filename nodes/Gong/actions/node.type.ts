/** Which operations each resource offers: the router's dispatch table is checked against this. */
export type GongType = {
	ai: 'ask' | 'getBrief';
	auditLog: 'getAll';
	call: 'create' | 'get' | 'getAll' | 'getAccess' | 'getAllOutcomes' | 'grantAccess' | 'removeAccess' | 'uploadMedia';
	coaching: 'get';
	dataPrivacy: 'eraseForEmail' | 'eraseForPhone' | 'getForEmail' | 'getForPhone';
	engageFlow:
		| 'assignProspects'
		| 'bulkAssign'
		| 'getAll'
		| 'getAllFolders'
		| 'getSteps'
		| 'getProspectFlows'
		| 'unassign';
	library: 'getAllFolders' | 'getFolderContent';
	permissionProfile: 'create' | 'get' | 'getAll' | 'getUsers' | 'update';
	scorecard: 'getAll' | 'getAllAnswered';
	stats: 'getUserActivity' | 'getDayByDay' | 'getInteraction';
	task: 'getAll';
	tracker: 'getAll';
	transcript: 'get' | 'getAll';
	user: 'get' | 'getAll' | 'getSettingsHistory';
	workspace: 'getAll';
};

export type GongResource = keyof GongType;
