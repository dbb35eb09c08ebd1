import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileKernels } from '../../scripts/compile-wat.js';
import { KERNELS_WASM } from '../../src/numeric/simd/kernels-binary.js';
import { KernelLayout, withKernelMemory } from '../../src/numeric/simd/kernels.js';

const simd = join(import.meta.dirname, '..', '..', 'src', 'numeric', 'simd');

describe('WebAssembly kernels', () => {
  it('ship the bytes kernels.wat compiles to (run `npm run build:wasm` after editing it)', async () => {
    const bytes = await compileKernels(readFileSync(join(simd, 'kernels.wat'), 'utf8'));
    expect(KERNELS_WASM).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('give one computation at a time its memory, larger when it needs more', () => {
    const small = new KernelLayout();
    const a = small.f64(3);
    const b = small.f64(3);
    let first: ArrayBufferLike | null = null;
    const distance = withKernelMemory(small, (memory) => {
      memory.f64(a, 3).set([1, 2, 3]);
      memory.f64(b, 3).set([4, 6, 3]);
      first = memory.f64(a, 3).buffer;
      return memory.kernels.squaredDistance(a, b, 3);
    });
    expect(distance).toBe(25);
    const firstBytes = first!.byteLength;

    // Far more than the first computation asked for: a new, larger memory.
    const large = new KernelLayout();
    const row = large.f64(4_000_000);
    const other = large.f64(4_000_000);
    withKernelMemory(large, (memory) => {
      memory.f64(row, 4_000_000).fill(1);
      memory.f64(other, 4_000_000).fill(0.5);
      expect(memory.kernels.squaredDistance(row, other, 4_000_000)).toBe(1_000_000);
    });
    // Not by growing the first memory, which would detach its buffer (see kernels.ts).
    expect(first!.byteLength).toBe(firstBytes);
    expect(firstBytes).toBeGreaterThan(0);
  });

  it('refuse a computation nested in another, which could pull its memory from under it', () => {
    const layout = new KernelLayout();
    layout.f64(1);
    expect(() => withKernelMemory(layout, () => withKernelMemory(layout, () => 0))).toThrow(/already in use/);
    // The outer computation's end frees the memory again.
    expect(withKernelMemory(layout, () => 1)).toBe(1);
  });
});
