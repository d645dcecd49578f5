// Chooses the kernels once per process from CPUID (as numpy and oneDNN do), never per element.
#include "ckernels.h"

extern const mk_kernels mk_table_baseline;
#if defined(__x86_64__)
extern const mk_kernels mk_table_avx2, mk_table_avx512;
#include <xmmintrin.h>
#endif

mk_isa mk_best_isa(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512dq")) return MK_ISA_AVX512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return MK_ISA_AVX2;
#endif
    return MK_ISA_BASELINE;
}

const mk_kernels *mk_kernels_for(mk_isa isa) {
    if (isa > mk_best_isa()) return NULL;
    switch (isa) {
#if defined(__x86_64__)
    case MK_ISA_AVX512: return &mk_table_avx512;
    case MK_ISA_AVX2: return &mk_table_avx2;
#endif
    case MK_ISA_BASELINE: return &mk_table_baseline;
    default: return NULL;
    }
}

void mk_flush_subnormals(void) {
#if defined(__x86_64__)
    _mm_setcsr(_mm_getcsr() | 0x8040);                      /* FTZ | DAZ */
#elif defined(__aarch64__)
    unsigned long fpcr;
    __asm__ __volatile__("mrs %0, fpcr" : "=r"(fpcr));
    __asm__ __volatile__("msr fpcr, %0" : : "r"(fpcr | (1UL << 24)));   /* FZ */
#endif
}
