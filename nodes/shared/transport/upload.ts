import { randomBytes } from 'node:crypto';

/** The stream n8n hands over for a stored file (`getBinaryStream`): a Node.js Readable. */
export type FileStream = NodeJS.ReadableStream & { destroy(error?: Error): void };

/** A file to send as one part of a multipart/form-data body, opened afresh for every attempt. */
export interface UploadFile {
	/** The form field Gong reads (`mediaFile`, `dataFile`). */
	field: string;
	fileName: string;
	contentType: string;
	/** Bytes, when known: then the body has a Content-Length (Gong's uploads may need it). */
	size?: number;
	/** A new stream of the file's content: a retry cannot reuse a stream the first attempt consumed. */
	open: () => Promise<FileStream | Buffer>;
}

export interface UploadBody {
	body: FileStream | Buffer;
	headers: Record<string, string>;
}

type ReadableClass = {
	from(source: AsyncIterable<Buffer>, options: { objectMode: boolean }): FileStream;
};

/**
 * Node's Readable class, taken from the stream n8n handed over: community nodes may not import
 * node:stream (n8n Cloud's rule), and the HTTP client needs a real stream to send from.
 */
function readableClassOf(stream: object): ReadableClass | undefined {
	for (let proto: unknown = Object.getPrototypeOf(stream); proto; proto = Object.getPrototypeOf(proto)) {
		const ctor = (proto as { constructor?: { name?: string; from?: unknown } }).constructor;
		if (ctor?.name === 'Readable' && typeof ctor.from === 'function') return ctor as unknown as ReadableClass;
	}
	return undefined;
}

/** Quotes a file name for Content-Disposition: no quote or line break may end the header early. */
function quoted(name: string): string {
	return name.replace(/["\\]/g, '_').replace(/[\r\n]+/g, ' ');
}

/**
 * A multipart/form-data body that streams the file between its part header and the closing
 * boundary: a 1.5 GB recording goes through without ever being held in memory. A file n8n keeps
 * in memory anyway (its "default" binary mode) is sent as one buffer.
 */
export async function multipartBody(file: UploadFile): Promise<UploadBody> {
	const boundary = `----n8n-nodes-gong-${randomBytes(12).toString('hex')}`;
	const head = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${quoted(file.fileName)}"\r\n` +
			`Content-Type: ${file.contentType}\r\n\r\n`,
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	const headers: Record<string, string> = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
	const content = await file.open();
	if (Buffer.isBuffer(content)) return { body: Buffer.concat([head, content, tail]), headers };

	const Readable = readableClassOf(content);
	if (!Readable) {
		content.destroy();
		throw new TypeError('The file could not be read as a stream');
	}
	async function* parts(): AsyncGenerator<Buffer> {
		yield head;
		for await (const chunk of content) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
		yield tail;
	}
	const body = Readable.from(parts(), { objectMode: false });
	// A failed attempt destroys the body: the file is closed with it, even if never read.
	body.once('close', () => content.destroy());
	if (file.size !== undefined) headers['Content-Length'] = String(head.length + file.size + tail.length);
	return { body, headers };
}
