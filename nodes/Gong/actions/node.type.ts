/** Which operations each resource offers: the router's dispatch table is checked against this. */
export type GongType = {
	call: 'get' | 'getAll';
	transcript: 'get' | 'getAll';
	user: 'get' | 'getAll';
};

export type GongResource = keyof GongType;
