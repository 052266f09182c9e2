// The benchmarks mask a line exactly as `codebase-context eval` does: the function lives in the engine's
// eval helpers because the command line may not import bench/.
export { maskLine, type MaskedBuffer } from '../src/core/eval/mask-line';
