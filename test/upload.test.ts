import express from 'express';
import type { Request } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { multipartBody, type FileStream, type UploadBody } from '../nodes/shared/transport/upload';

/**
 * The multipart body the transport streams a recording in: the part header, the file as it
 * arrives from a stream (n8n's filesystem or S3 binary modes hand over a Node.js stream), the
 * closing boundary, and a Content-Length that matches what is sent. The file stream here is an HTTP
 * request body received by a small server: a real Node.js Readable, whatever its source.
 */

type Handler = (file: Request) => Promise<unknown>;
let handler: Handler = async () => undefined;
let server: ReturnType<express.Express['listen']>;
let url = '';

beforeAll(async () => {
	const app = express();
	app.post('/file', (req, res) => {
		void handler(req).then(
			(result) => res.json(result ?? {}),
			(error: Error) => res.status(500).json({ error: error.message }),
		);
	});
	await new Promise<void>((resolve) => {
		server = app.listen(0, '127.0.0.1', () => resolve());
	});
	const address = server.address();
	url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/file`;
});
afterAll(async () => await new Promise<void>((resolve) => server.close(() => resolve())));

function content(bytes: number): Buffer {
	const buffer = Buffer.alloc(bytes);
	for (let i = 0; i < bytes; i++) buffer[i] = (i * 13) % 256;
	return buffer;
}

async function collect(body: UploadBody['body']): Promise<Buffer> {
	if (Buffer.isBuffer(body)) return body;
	const chunks: Buffer[] = [];
	for await (const chunk of body) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

describe('multipartBody', () => {
	it('streams a file between the part header and the closing boundary, with an exact Content-Length', async () => {
		const file = content(3 * 1024 * 1024 + 17);
		let upload: UploadBody | undefined;
		let sent: Buffer = Buffer.alloc(0);
		handler = async (req) => {
			upload = await multipartBody({
				field: 'mediaFile',
				fileName: 'call "q1".mp3',
				contentType: 'audio/mpeg',
				size: file.length,
				open: async () => req as unknown as FileStream,
			});
			sent = await collect(upload.body);
		};
		await fetch(url, { method: 'POST', body: new Uint8Array(file) });
		expect(Buffer.isBuffer(upload!.body)).toBe(false);
		const boundary = /boundary=(.+)$/.exec(upload!.headers['Content-Type']!)![1]!;
		expect(Number(upload!.headers['Content-Length'])).toBe(sent.length);
		const head = `--${boundary}\r\nContent-Disposition: form-data; name="mediaFile"; filename="call _q1_.mp3"\r\nContent-Type: audio/mpeg\r\n\r\n`;
		expect(sent.subarray(0, head.length).toString()).toBe(head);
		expect(sent.subarray(head.length, head.length + file.length).equals(file)).toBe(true);
		expect(sent.subarray(head.length + file.length).toString()).toBe(`\r\n--${boundary}--\r\n`);
	});

	it('a body destroyed before it was read (a failed attempt) closes the file stream', async () => {
		let destroyed = false;
		handler = async (req) => {
			const upload = await multipartBody({
				field: 'mediaFile',
				fileName: 'a.mp3',
				contentType: 'audio/mpeg',
				size: 1024,
				open: async () => req as unknown as FileStream,
			});
			(upload.body as FileStream).destroy();
			await new Promise<void>((resolve) => req.once('close', () => resolve()));
			destroyed = req.destroyed;
		};
		await fetch(url, { method: 'POST', body: new Uint8Array(content(1024)) }).catch(() => undefined);
		await expect.poll(() => destroyed).toBe(true);
	});

	it('a file n8n holds in memory is sent as one buffer', async () => {
		const upload = await multipartBody({
			field: 'dataFile',
			fileName: 'accounts.ldjson',
			contentType: 'application/x-ndjson',
			open: async () => Buffer.from('{"a":1}\n'),
		});
		expect(Buffer.isBuffer(upload.body)).toBe(true);
		expect(upload.body.toString()).toContain(
			'name="dataFile"; filename="accounts.ldjson"\r\nContent-Type: application/x-ndjson\r\n\r\n{"a":1}\n\r\n--',
		);
	});
});
