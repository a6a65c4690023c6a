/**
 * Typed functions for every Gong endpoint the nodes use, one file per Gong resource: operations,
 * triggers and pickers all call these, never the HTTP layer directly.
 */
export * from './calls';
export * from './users';
export * from './workspaces';
export * from './ai';
export * from './coaching';
export * from './crm';
export * from './flows';
export * from './library';
export * from './logs';
export * from './permissions';
export * from './privacy';
export * from './settings';
export * from './stats';
export * from './tasks';
export * from './meetings';
export * from './digitalInteractions';
