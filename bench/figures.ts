import type { GongStandIn, RequestLogEntry } from '../test/stand-in/gong-stand-in';

/** What one run of a workload yields, whatever ran it (`n8n execute`, or a poll in `n8n start`). */
export interface Measurement {
	requests: number;
	tooMany: number;
	ok: boolean;
	complete: string | true;
	wallMs: number;
	peakRssMb: number;
	/** The same process's memory just before the run, when it is a long-lived one (`n8n start`). */
	baseRssMb?: number;
}

export const median = (values: number[]): number => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The Gong API requests in the stand-in's log (not OAuth or health), those arrived by `until` (epoch ms). */
export const apiRequests = (standIn: GongStandIn, until = Infinity): RequestLogEntry[] =>
	standIn.apiRequests({ until });
