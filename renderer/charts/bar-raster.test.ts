import { describe, expect, it } from 'vitest';
import { packColor, rasterizeBars } from './bar-raster';
import { SeriesBars } from './pixel-columns';

function bars(list: Array<[number, number, number]>): SeriesBars {
  const b = new SeriesBars();
  for (const [x, top, bottom] of list) b.push(x, top, bottom);
  return b;
}

describe('packColor', () => {
  it('packs a colour the way a little-endian ImageData buffer reads it', () => {
    const packed = packColor('#102030');
    const bytes = new Uint8Array(new Uint32Array([packed]).buffer);
    expect([...bytes]).toEqual([0x10, 0x20, 0x30, 255]);
  });
});

describe('rasterizeBars', () => {
  it('fills each bar from its top to its bottom in its column, later series on top', () => {
    const pixels = new Uint32Array(4 * 5);
    rasterizeBars(pixels, 4, 5, [
      { bars: bars([[1, 0.4, 3.6]]), rgba: 1 },
      {
        bars: bars([
          [1, 2, 3],
          [3, 4, 9],
        ]),
        rgba: 2,
      },
    ]);
    const column = (x: number) => [0, 1, 2, 3, 4].map((y) => pixels[y * 4 + x]);
    expect(column(1)).toEqual([1, 1, 2, 1, 0]);
    expect(column(3)).toEqual([0, 0, 0, 0, 2]);
    expect(column(0)).toEqual([0, 0, 0, 0, 0]);
  });

  it('shifts by the buffer origin and skips columns outside it', () => {
    const pixels = new Uint32Array(2 * 2);
    rasterizeBars(
      pixels,
      2,
      2,
      [
        {
          bars: bars([
            [10, 20, 22],
            [13, 20, 22],
          ]),
          rgba: 7,
        },
      ],
      10,
      20,
    );
    expect([...pixels]).toEqual([7, 0, 7, 0]);
  });
});
