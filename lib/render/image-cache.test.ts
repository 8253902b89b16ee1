import { describe, expect, it, vi } from 'vitest';
import { assetUrl, type Drawable, ImageCache, RETRY_AFTER_MS } from './image-cache';

const picture = { width: 4, height: 3 } as unknown as Drawable;

function deferred() {
  let resolve!: (image: Drawable) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<Drawable>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('ImageCache', () => {
  it('loads each asset once, from its URL, and tells listeners when it is there', async () => {
    const pending = deferred();
    const loader = vi.fn(() => pending.promise);
    const cache = new ImageCache(loader);
    const changed = vi.fn();
    cache.onChange(changed);
    expect(cache.get('asset1')).toBeNull();
    expect(cache.get('asset1')).toBeNull();
    expect(loader).toHaveBeenCalledTimes(1);
    expect(loader).toHaveBeenCalledWith('/api/assets/asset1');
    pending.resolve(picture);
    await expect(cache.load('asset1')).resolves.toBe(picture);
    expect(changed).toHaveBeenCalledWith('asset1');
    expect(cache.get('asset1')).toBe(picture);
  });

  it('marks a failed download and retries it after a while', async () => {
    let now = 0;
    const loader = vi.fn(() => Promise.reject(new Error('404')));
    const cache = new ImageCache(loader, () => now);
    await expect(cache.load('gone')).resolves.toBeNull();
    expect(cache.failed('gone')).toBe(true);
    cache.get('gone');
    expect(loader).toHaveBeenCalledTimes(1);
    now = RETRY_AFTER_MS;
    cache.get('gone');
    expect(loader).toHaveBeenCalledTimes(2);
  });

  it('takes an image decoded elsewhere without downloading it', () => {
    const loader = vi.fn(() => Promise.resolve(picture));
    const cache = new ImageCache(loader);
    cache.put('mine', picture);
    expect(cache.get('mine')).toBe(picture);
    expect(loader).not.toHaveBeenCalled();
  });

  it('escapes the id in the URL', () => {
    expect(assetUrl('a/b')).toBe('/api/assets/a%2Fb');
  });
});
