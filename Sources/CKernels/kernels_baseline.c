// The portable kernels: the build's baseline instruction set (SSE2 on x86-64, NEON on arm64).
#include "ckernels.h"
#define K(name) name##_baseline
#define MK_ISA_NAME "baseline"
#define MK_VEC_BYTES 16
#include "kernels.inc"
