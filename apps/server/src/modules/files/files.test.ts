import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type Client, signIn, type TestEnv } from '../../test/harness.ts';
import { buildWorld, PASSWORD } from '../../test/world.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await buildWorld(env.platform);
});
afterAll(() => env.close());

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function multipart(filename: string, data: Buffer) {
  const boundary = '----qltest';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (c: Client, filename: string, data: Buffer) => c.request({ method: 'POST', url: '/api/attachments', ...multipart(filename, data) });

describe('attachments', () => {
  it('decides the type from the content, not the name, and stores by content hash', async () => {
    const c = await signIn(env.app, 'a_discipline_officer', PASSWORD);
    const res = await upload(c, 'evidence.pdf', PNG);
    expect(res.statusCode).toBe(201);
    const meta = res.json();
    expect(meta.mime).toBe('image/png');
    expect(fs.existsSync(path.join(env.dataDir, 'files', meta.sha256.slice(0, 2), meta.sha256))).toBe(true);
    const dl = await c.get(`/api/attachments/${meta.id}/download`);
    expect(dl.statusCode).toBe(200);
    expect(Buffer.compare(dl.rawPayload, PNG)).toBe(0);
  });

  it('refuses an executable disguised as an image with a 415 naming what it is', async () => {
    const c = await signIn(env.app, 'a_discipline_officer', PASSWORD);
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]);
    const res = await upload(c, 'photo.jpg', elf);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('file_type_not_allowed');
  });

  it('refuses a file over the size limit with 413', async () => {
    const small = { ...env.platform.config };
    env.platform.config.maxUploadBytes = 1024;
    const c = await signIn(env.app, 'a_discipline_officer', PASSWORD);
    const res = await upload(c, 'big.png', Buffer.concat([PNG, Buffer.alloc(4096)]));
    env.platform.config.maxUploadBytes = small.maxUploadBytes;
    expect(res.statusCode).toBe(413);
  });

  it('checks scope on every download: another institution gets 404, the region supervisor may read', async () => {
    const officer = await signIn(env.app, 'a_discipline_officer', PASSWORD);
    const meta = (await upload(officer, 'a.png', PNG)).json();
    const other = await signIn(env.app, 'b_admin', PASSWORD);
    expect((await other.get(`/api/attachments/${meta.id}/download`)).statusCode).toBe(404);
    const farRegion = await signIn(env.app, 'c_region', PASSWORD);
    expect((await farRegion.get(`/api/attachments/${meta.id}`)).statusCode).toBe(404);
    const staff = await signIn(env.app, 'a_staff', PASSWORD);
    expect((await staff.get(`/api/attachments/${meta.id}`)).statusCode).toBe(404);
    const sup = await signIn(env.app, 'a_region_supervisor', PASSWORD);
    expect((await sup.get(`/api/attachments/${meta.id}/download`)).statusCode).toBe(200);
  });
});
