/** kernels.wat -> WebAssembly bytes, for the build script and the test that keeps its output fresh. */
import initWabt from 'wabt';

export async function compileKernels(wat: string): Promise<Uint8Array> {
  const wabt = await initWabt();
  const module = wabt.parseWat('kernels.wat', wat, { simd: true });
  try {
    module.resolveNames();
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}
