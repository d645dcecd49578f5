// The kernels for AVX2 + FMA (x86-64 since 2013), selected at run time from CPUID.
#include "ckernels.h"
#if defined(__x86_64__)
#include <immintrin.h>
#define MK_PAIR_LOADS 1   // augment_images's 8-wide rows (AVX2 intrinsics)
#define K(name) name##_avx2
#define MK_ISA_NAME "avx2"
#define MK_VEC_BYTES 32
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#include "kernels.inc"
#pragma clang attribute pop
#endif
