// The kernels for AVX-512 (F, VL, BW, DQ) + FMA, selected at run time from CPUID.
#include "ckernels.h"
#if defined(__x86_64__)
#include <immintrin.h>
#define MK_PAIR_LOADS 1   // augment_images's 8-wide rows (AVX2 intrinsics)
#define K(name) name##_avx512
#define MK_ISA_NAME "avx512"
#define MK_VEC_BYTES 64
#pragma clang attribute push(__attribute__((target("avx512f,avx512vl,avx512bw,avx512dq,avx2,fma"))), apply_to = function)
#include "kernels.inc"
#pragma clang attribute pop
#endif
