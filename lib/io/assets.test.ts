import { describe, expect, it, vi } from 'vitest';
import { classifyFile, imageBox, imageFileProblem, MAX_ASSET_BYTES, sniffImageType, uploadAsset } from './assets';
import { english } from '../i18n/english';

const bytes = (...values: Array<number | string>) =>
  new Uint8Array(values.flatMap((value) => (typeof value === 'string' ? [...value].map((c) => c.charCodeAt(0)) : [value])));

const PNG = bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0);
const GIF = bytes('GIF89a', 1, 0);
const WEBP = bytes('RIFF', 0, 0, 0, 0, 'WEBP');
const SVG = bytes('<svg xmlns=');

describe('image files', () => {
  it('recognises PNG, JPEG, GIF and WebP by their bytes', () => {
    expect([PNG, JPEG, GIF, WEBP, SVG, bytes()].map(sniffImageType)).toEqual(['image/png', 'image/jpeg', 'image/gif', 'image/webp', null, null]);
    expect(sniffImageType(bytes('RIFF', 0, 0, 0, 0, 'WAVE'))).toBeNull();
  });

  it('tells images from board files whatever their names say', () => {
    expect(classifyFile({ type: '' }, PNG)).toBe('image');
    expect(classifyFile({ type: 'application/json' }, PNG)).toBe('image');
    expect(classifyFile({ type: 'image/svg+xml' }, SVG)).toBe('unsupported-image');
    expect(classifyFile({ type: 'application/json' }, bytes('{"type"'))).toBe('board');
  });

  it('explains why a file cannot be added', () => {
    expect(imageFileProblem({ name: 'a.png', type: 'image/png', size: 100 }, PNG)).toBeNull();
    expect(english(imageFileProblem({ name: 'logo.svg', type: 'image/svg+xml', size: 100 }, SVG))).toBe(
      '"logo.svg" cannot be added: only PNG, JPEG, GIF and WebP images are supported (this file is image/svg+xml).',
    );
    expect(english(imageFileProblem({ name: 'big.jpg', type: 'image/jpeg', size: MAX_ASSET_BYTES + 1 }, JPEG))).toBe(
      '"big.jpg" is too large (10.0 MB); images can be at most 10.0 MB.',
    );
  });

  it('keeps a small image at its size and caps a large one, centred on the point', () => {
    expect(imageBox({ width: 200, height: 100 }, { x: 500, y: 500 })).toEqual({ x: 400, y: 450, w: 200, h: 100 });
    expect(imageBox({ width: 4000, height: 3000 }, { x: 0, y: 0 })).toEqual({ x: -500, y: -375, w: 1000, h: 750 });
  });
});

describe('uploading', () => {
  const blob = new Blob([PNG], { type: 'image/png' });

  it('posts the bytes to the board and returns the asset', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ id: 'a'.repeat(22), url: '/api/assets/x', contentType: 'image/png', bytes: 16 }), { status: 201 }));
    const result = await uploadAsset('board-1', blob, fetchImpl as unknown as typeof fetch);
    expect(result).toMatchObject({ ok: true, asset: { id: 'a'.repeat(22) } });
    expect(fetchImpl).toHaveBeenCalledWith('/api/boards/board-1/assets', expect.objectContaining({ method: 'POST', body: blob }));
  });

  it('passes on the server reason for refused files', async () => {
    const refuse = (status: number) => vi.fn(async () => new Response(JSON.stringify({ error: 'nope' }), { status })) as unknown as typeof fetch;
    expect(english(await uploadAsset('b', blob, refuse(413)))).toEqual({ ok: false, error: 'The image is too large for the server (nope).' });
    expect(english(await uploadAsset('b', blob, refuse(415)))).toEqual({
      ok: false,
      error: 'The server does not take this kind of file (nope): only PNG, JPEG, GIF and WebP.',
    });
    expect(english(await uploadAsset('b', blob, refuse(500)))).toEqual({ ok: false, error: 'The image could not be uploaded (500: nope).' });
    const offline = vi.fn(async () => Promise.reject(new TypeError('failed'))) as unknown as typeof fetch;
    expect(english(await uploadAsset('b', blob, offline))).toMatchObject({ ok: false, error: expect.stringMatching(/cannot be reached/) });
  });
});
