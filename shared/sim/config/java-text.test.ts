import { describe, expect, it } from 'vitest';
import { javaBigDecimalOf, javaDoubleToString, javaFormatFixed, javaTrim } from './java-text';

describe('javaDoubleToString', () => {
  it('prints as Double.toString does', () => {
    expect(javaDoubleToString(Math.fround(0.1))).toBe('0.10000000149011612');
    expect(javaDoubleToString(Math.fround(0.4))).toBe('0.4000000059604645');
    expect(javaDoubleToString(1)).toBe('1.0');
    expect(javaDoubleToString(1000)).toBe('1000.0');
    expect(javaDoubleToString(-0.1)).toBe('-0.1');
    expect(javaDoubleToString(0.001)).toBe('0.001');
    expect(javaDoubleToString(1e7)).toBe('1.0E7');
    expect(javaDoubleToString(12345678.9)).toBe('1.23456789E7');
    expect(javaDoubleToString(1e-4)).toBe('1.0E-4');
    expect(javaDoubleToString(0)).toBe('0.0');
    expect(javaDoubleToString(-0)).toBe('-0.0');
    expect(javaDoubleToString(Number.NaN)).toBe('NaN');
    expect(javaDoubleToString(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
  });
});

describe('javaFormatFixed', () => {
  it('rounds the shortest decimal digits half-up as String.format("%.3f") does', () => {
    // 1.0005 is stored as 1.000499999...; toFixed says 1.000, Java's Formatter says 1.001.
    expect(javaFormatFixed(1.0005, 3)).toBe('1.001');
    expect(javaFormatFixed(0.0625, 3)).toBe('0.063');
    expect(javaFormatFixed(1.6875, 3)).toBe('1.688');
    expect(javaFormatFixed(976.5625, 3)).toBe('976.563');
    expect(javaFormatFixed(0.0004, 3)).toBe('0.000');
    expect(javaFormatFixed(999.9996, 3)).toBe('1000.000');
    expect(javaFormatFixed(0, 3)).toBe('0.000');
  });
});

describe('javaBigDecimalOf', () => {
  it("is the exact decimal of the double's shortest text", () => {
    expect(javaBigDecimalOf(Math.fround(0.1))).toEqual({ unscaled: 10000000149011612n, scale: 17 });
    expect(javaBigDecimalOf(1e10)).toEqual({ unscaled: 1n, scale: -10 });
  });
});

describe('javaTrim', () => {
  it('strips control characters and spaces but not other Unicode spaces', () => {
    expect(javaTrim('\t 1728m \r\n')).toBe('1728m');
    expect(javaTrim('\u00a01728m')).toBe('\u00a01728m');
  });
});
