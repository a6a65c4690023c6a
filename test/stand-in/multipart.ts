/**
 * A streaming multipart/form-data reader for the stand-in (RFC 7578 / RFC 2046): it scans for the
 * boundary chunk by chunk and hands each part's content on as it arrives, so a 1.5 GB recording
 * never sits in memory. It holds at most one chunk plus a boundary's length at a time, and copies a
 * chunk only when a boundary may straddle it and the one before.
 */
import { HttpError, bad } from './http';

export interface MultipartPart {
	/** The form field name (Content-Disposition name). */
	name: string;
	/** Content-Disposition filename (filename* wins when both are given); null for a plain field. */
	fileName: string | null;
	/** The part's own Content-Type; null when the part has none. */
	contentType: string | null;
}

export interface MultipartHandlers {
	part(part: MultipartPart): void;
	data(chunk: Buffer): void;
	partEnd(): void;
}

/** Parts' header blocks are small; a bigger one is a malformed body, not a reason to buffer. */
const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

type State = 'preamble' | 'delimiter' | 'headers' | 'body' | 'epilogue';

/** Content-Type's boundary for multipart/form-data; undefined for another type, '' without a boundary. */
export function formDataBoundary(contentType: string | undefined): string | undefined {
	if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
	// RFC 2046 caps a boundary at 70 characters; a longer one is taken as sent rather than cut.
	const match = /;\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
	return match?.[1] ?? match?.[2] ?? '';
}

function unquote(value: string): string {
	return value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
}

function dispositionParams(header: string): Map<string, string> {
	const params = new Map<string, string>();
	for (const match of header.matchAll(/;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g)) {
		params.set((match[1] as string).toLowerCase(), unquote((match[2] as string).trim()));
	}
	return params;
}

function parseHeaders(block: string): MultipartPart {
	const headers = new Map<string, string>();
	for (const line of block.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
	}
	const disposition = headers.get('content-disposition');
	if (!disposition || !/^form-data\s*(;|$)/i.test(disposition)) {
		throw bad('Malformed multipart body: a part has no Content-Disposition: form-data header');
	}
	const params = dispositionParams(disposition);
	const name = params.get('name');
	if (name === undefined) throw bad('Malformed multipart body: a part has no name');
	let fileName = params.get('filename') ?? null;
	const extended = /^([\w-]+)'[^']*'(.*)$/.exec(params.get('filename*') ?? '');
	if (extended) {
		try {
			fileName = decodeURIComponent(extended[2] as string);
		} catch {
			// A broken filename* is ignored; the plain filename (if any) stands.
		}
	}
	return { name, fileName, contentType: headers.get('content-type') ?? null };
}

/** Feeds a multipart body through `handlers`; throw a 400 for a body that is not well-formed. */
export class MultipartScanner {
	private state: State = 'preamble';

	/** Unscanned bytes: a chunk plus at most a delimiter's length carried over from the one before. */
	private pending: Buffer;

	private readonly delimiter: Buffer;

	constructor(
		boundary: string,
		private readonly handlers: MultipartHandlers,
	) {
		this.delimiter = Buffer.from(`\r\n--${boundary}`);
		// The first delimiter may open the body without a CRLF before it: pretend there was one.
		this.pending = Buffer.from(CRLF);
	}

	get finished(): boolean {
		return this.state === 'epilogue';
	}

	write(chunk: Buffer): void {
		if (this.state === 'epilogue') return;
		this.pending = this.join(chunk);
		for (;;) {
			if (!this.step()) return;
		}
	}

	/** The carried tail and the new chunk, copied together only when a delimiter may straddle them. */
	private join(chunk: Buffer): Buffer {
		const carry = this.pending;
		if (!carry.length) return chunk;
		const scanning = this.state === 'body' || this.state === 'preamble';
		if (scanning && carry.length < this.delimiter.length && chunk.length >= this.delimiter.length) {
			const probe = Buffer.concat([carry, chunk.subarray(0, this.delimiter.length - 1)]);
			const at = probe.indexOf(this.delimiter);
			if (at < 0 || at >= carry.length) {
				// No delimiter starts in the tail: it is content, and the chunk is scanned where it lies.
				if (this.state === 'body') this.handlers.data(carry);
				return chunk;
			}
		}
		return Buffer.concat([carry, chunk]);
	}

	end(): void {
		if (this.state !== 'epilogue') throw bad('Malformed multipart body: the closing boundary is missing');
	}

	/** Makes what progress the pending bytes allow; false when more bytes are needed. */
	private step(): boolean {
		switch (this.state) {
			case 'preamble':
			case 'body': {
				const at = this.pending.indexOf(this.delimiter);
				if (at < 0) {
					// Keep a tail that may be the start of a delimiter cut by the chunk's end.
					const keep = Math.min(this.pending.length, this.delimiter.length - 1);
					const emit = this.pending.length - keep;
					if (this.state === 'body' && emit > 0) this.handlers.data(this.pending.subarray(0, emit));
					this.pending = this.pending.subarray(emit);
					return false;
				}
				if (this.state === 'body') {
					if (at > 0) this.handlers.data(this.pending.subarray(0, at));
					this.handlers.partEnd();
				}
				this.pending = this.pending.subarray(at + this.delimiter.length);
				this.state = 'delimiter';
				return true;
			}
			case 'delimiter': {
				// After a delimiter: "--" closes the body; otherwise optional blanks, then CRLF and a part.
				let i = 0;
				while (i < this.pending.length && (this.pending[i] === 0x20 || this.pending[i] === 0x09)) i++;
				if (this.pending.length - i < 2) {
					if (i > 64) throw bad('Malformed multipart body: garbage after a boundary');
					return false;
				}
				if (this.pending[i] === 0x2d && this.pending[i + 1] === 0x2d && i === 0) {
					this.state = 'epilogue';
					this.pending = Buffer.alloc(0);
					return false;
				}
				if (this.pending[i] !== 0x0d || this.pending[i + 1] !== 0x0a) {
					throw bad('Malformed multipart body: a boundary is not followed by a line break');
				}
				this.pending = this.pending.subarray(i + 2);
				this.state = 'headers';
				return true;
			}
			case 'headers': {
				// An empty header block ("\r\n" straight away) is legal but leaves the part without a name.
				const at = this.pending.indexOf(HEADER_END);
				const empty = this.pending.subarray(0, 2).equals(CRLF);
				if (at < 0 && !empty) {
					if (this.pending.length > MAX_HEADER_BYTES) throw bad('Malformed multipart body: part headers too large');
					return false;
				}
				const block = empty ? '' : this.pending.subarray(0, at).toString('utf8');
				this.handlers.part(parseHeaders(block));
				// The content starts here; an empty one is followed at once by CRLF--boundary.
				this.pending = this.pending.subarray(empty ? 2 : at + HEADER_END.length);
				this.state = 'body';
				return true;
			}
			case 'epilogue':
				return false;
		}
	}
}

/** Runs `write`: the 400 it throws is returned; anything else (a bug) goes on up. */
function refusal(write: () => void): HttpError | undefined {
	let caught: unknown;
	try {
		write();
		return undefined;
	} catch (error) {
		caught = error;
	}
	if (caught instanceof HttpError) return caught;
	throw caught;
}

/**
 * Reads a request's multipart body to its end, chunk by chunk (backpressure: the next chunk is read
 * once this one is handled). 'aborted' when the client went away mid-body. A malformed body is read
 * to its end all the same before the 400 is thrown: leaving it unread would cut the connection, and
 * the client would never see the answer.
 */
export async function scanMultipart(
	body: AsyncIterable<Buffer | string>,
	boundary: string,
	handlers: MultipartHandlers,
): Promise<'done' | 'aborted'> {
	const scanner = new MultipartScanner(boundary, handlers);
	const chunks = body[Symbol.asyncIterator]();
	let failure: HttpError | undefined;
	for (;;) {
		let next: IteratorResult<Buffer | string>;
		try {
			next = await chunks.next();
		} catch {
			return 'aborted';
		}
		if (next.done) break;
		if (failure) continue;
		const chunk = next.value;
		failure = refusal(() => scanner.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
	}
	if (failure) throw failure;
	scanner.end();
	return 'done';
}
