/** Small generated pictures for the demo (an ID photo, a photo taken on a round): PNG, drawn pixel by pixel. */
import { PNG } from 'pngjs';

/** A w×h PNG whose every pixel is the colour `pixel(x, y)` gives (RGB, opaque). */
export function drawPng(w: number, h: number, pixel: (x: number, y: number) => readonly [number, number, number]): Buffer {
  const png = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const [r, g, b] = pixel(x, y);
      const i = (y * w + x) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = 255;
    }
  return PNG.sync.write(png, { colorType: 2 });
}
