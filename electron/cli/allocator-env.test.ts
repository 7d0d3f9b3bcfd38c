import { describe, expect, it } from 'vitest';
import { allocatorEnvironment, MALLOC_ARENAS } from './allocator-env';

describe('allocatorEnvironment', () => {
  it('caps glibc malloc arenas for a process started on Linux', () => {
    expect(allocatorEnvironment({}, 'linux')).toEqual({ MALLOC_ARENA_MAX: String(MALLOC_ARENAS) });
    expect(allocatorEnvironment({ MALLOC_ARENA_MAX: '' }, 'linux')).toEqual({ MALLOC_ARENA_MAX: '2' });
  });

  it('leaves a value the user set as it is', () => {
    expect(allocatorEnvironment({ MALLOC_ARENA_MAX: '8' }, 'linux')).toEqual({});
  });

  it('adds nothing where the allocator is not glibc', () => {
    expect(allocatorEnvironment({}, 'darwin')).toEqual({});
    expect(allocatorEnvironment({}, 'win32')).toEqual({});
  });
});
