/** Which operations each resource offers: the router's dispatch table is checked against this. */
export type GongType = {
	ai: 'ask' | 'getBrief';
	auditLog: 'getAll';
	call: 'get' | 'getAll' | 'getAccess' | 'getAllOutcomes';
	coaching: 'get';
	dataPrivacy: 'getForEmail' | 'getForPhone';
	engageFlow: 'getAll' | 'getAllFolders' | 'getSteps' | 'getProspectFlows';
	library: 'getAllFolders' | 'getFolderContent';
	permissionProfile: 'get' | 'getAll' | 'getUsers';
	scorecard: 'getAll' | 'getAllAnswered';
	stats: 'getUserActivity' | 'getDayByDay' | 'getInteraction';
	task: 'getAll';
	tracker: 'getAll';
	transcript: 'get' | 'getAll';
	user: 'get' | 'getAll' | 'getSettingsHistory';
	workspace: 'getAll';
};

export type GongResource = keyof GongType;
