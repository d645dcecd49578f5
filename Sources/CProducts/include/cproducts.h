// The CPU backend's matrix products: oneDNN's `dnnl_sgemm` and OpenBLAS's `cblas_sgemm`, each
// resolved with dlopen/dlsym on first use rather than linked. A service at rest, a CLI talking
// to one, never loads either library (with their libgomp, libgfortran and libquadmath: about
// 4.8 MB resident of the 32 MB the idle service held).
#pragma once
#include <stddef.h>
#include <stdint.h>

/// Loads libdnnl.so.2 and libopenblas.so.0 once per process (later calls return the first
/// result) and sets OpenBLAS to one thread. 0 on success; else -1 and a line naming the
/// library and the loader's reason in `error`.
int mkp_load(char *error, size_t size);

/// C = alpha·op(A)·op(B) + beta·C, row-major, through oneDNN (`dnnl_sgemm`; transposes 'N'/'T').
/// mkp_load must have succeeded.
void mkp_dnnl_sgemm(char transa, char transb, int64_t m, int64_t n, int64_t k, float alpha, const float *a,
                    int64_t lda, const float *b, int64_t ldb, float beta, float *c, int64_t ldc);

/// The same through OpenBLAS (`cblas_sgemm`, CblasRowMajor); transposes as 0 or 1.
void mkp_blas_sgemm(int transa, int transb, int m, int n, int k, float alpha, const float *a, int lda,
                    const float *b, int ldb, float beta, float *c, int ldc);

/// This thread's OpenMP thread count for oneDNN (libgomp starts each thread with one per core:
/// two workers would fight). Cached per thread, so calling it before every product is cheap.
void mkp_use_omp_threads(int n);
