// Per-thread floating-point mode: flush subnormal results and inputs to zero.
// Optimizer state that decays geometrically (RMSprop's and Adam's running squares) drifts into
// the subnormal range, where x86 arithmetic is ~100x slower; flushing made RMSprop epochs 2x faster.
#if defined(__x86_64__)
#include <xmmintrin.h>
static inline void mlplab_flush_subnormals(void) { _mm_setcsr(_mm_getcsr() | 0x8040); } /* FTZ | DAZ */
#elif defined(__aarch64__)
static inline void mlplab_flush_subnormals(void) {
    unsigned long fpcr;
    __asm__ __volatile__("mrs %0, fpcr" : "=r"(fpcr));
    __asm__ __volatile__("msr fpcr, %0" : : "r"(fpcr | (1UL << 24)));   /* FZ */
}
#else
static inline void mlplab_flush_subnormals(void) {}
#endif
