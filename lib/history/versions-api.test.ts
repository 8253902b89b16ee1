import { describe, expect, it, vi } from 'vitest';
import { fetchVersion, listVersions, saveVersion } from './versions-api';

const answer = (status: number, body: unknown) => vi.fn(async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch & ReturnType<typeof vi.fn>;

describe('versions API client', () => {
  it('lists versions newest first', async () => {
    const fetchImpl = answer(200, [
      { id: 'old', name: null, createdAt: '2025-01-01T10:00:00.000Z', auto: true },
      { id: 'new', name: ' Before review ', createdAt: '2025-01-02T10:00:00.000Z', auto: false },
    ]);
    const result = await listVersions('b1', fetchImpl);
    expect(result.ok && result.value.map((v) => [v.id, v.name, v.auto])).toEqual([
      ['new', 'Before review', false],
      ['old', null, true],
    ]);
    expect(fetchImpl).toHaveBeenCalledWith('/api/boards/b1/versions', expect.anything());
  });

  it('saves a version with a name, or without one', async () => {
    const fetchImpl = answer(201, { id: 'v1', name: 'Draft', createdAt: 1735725600000, auto: false });
    const result = await saveVersion('b1', '  Draft ', fetchImpl);
    expect(result).toMatchObject({ ok: true, value: { id: 'v1', name: 'Draft', auto: false } });
    expect(fetchImpl.mock.calls[0]![1]).toMatchObject({ method: 'POST', body: '{"name":"Draft"}' });
    await saveVersion('b1', '   ', fetchImpl);
    expect(fetchImpl.mock.calls[1]![1]).toMatchObject({ body: '{}' });
  });

  it('reads a version and leaves out shapes that do not match the schema', async () => {
    const fetchImpl = answer(200, {
      id: 'v1',
      name: 'x',
      createdAt: '2025-01-01T00:00:00Z',
      title: 'Board',
      shapes: [
        { id: 'a', type: 'rectangle', x: 0, y: 0, w: 1, h: 1, z: 'a0' },
        { id: 'b', type: 'rectangle', x: 'no' },
      ],
    });
    const result = await fetchVersion('b1', 'v1', fetchImpl);
    expect(result).toMatchObject({ ok: true, value: { title: 'Board', invalid: 1, shapes: [{ id: 'a' }] } });
  });

  it('passes on the server error', async () => {
    expect(await listVersions('b1', answer(404, { error: 'board not found' }))).toEqual({ ok: false, error: 'board not found' });
    expect(await fetchVersion('b1', 'v', answer(200, { nonsense: true }))).toMatchObject({ ok: false });
  });
});
