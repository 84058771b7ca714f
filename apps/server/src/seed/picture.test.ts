import { fileTypeFromBuffer } from 'file-type';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { drawPng } from './picture.ts';

describe('drawPng', () => {
  it('draws each pixel the function gives, as a PNG the upload check accepts', async () => {
    const png = drawPng(4, 3, (x, y) => (x === 1 && y === 2 ? [200, 10, 20] : [255, 255, 255]));
    expect((await fileTypeFromBuffer(png))?.mime).toBe('image/png');
    const back = PNG.sync.read(png);
    expect([back.width, back.height]).toEqual([4, 3]);
    const at = (x: number, y: number) => [...back.data.subarray((y * 4 + x) * 4, (y * 4 + x) * 4 + 3)];
    expect(at(1, 2)).toEqual([200, 10, 20]);
    expect(at(0, 0)).toEqual([255, 255, 255]);
  });
});
