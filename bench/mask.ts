// The benchmarks mask a line exactly as `codebase-context eval` does: the functions live in the engine's
// eval helpers because the command line may not import bench/.
export { MASK_MODES, maskLine, maskRestOfLine, type MaskMode, type MaskedBuffer } from '../src/core/eval/mask-line';
