// Resolves oneDNN's and OpenBLAS's products on first use (see cproducts.h and libraryloader.h).
#include "cproducts.h"
#include "libraryloader.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

// The libraries' own signatures (dnnl.h, cblas.h); enums passed as int, as the C ABI does.
typedef int (*dnnl_sgemm_fn)(char, char, int64_t, int64_t, int64_t, float, const float *, int64_t, const float *,
                             int64_t, float, float *, int64_t);
typedef void (*cblas_sgemm_fn)(int, int, int, int, int, int, float, const float *, int, const float *, int, float,
                               float *, int);
typedef void (*set_threads_fn)(int);

enum { CBLAS_ROW_MAJOR = 101, CBLAS_NO_TRANS = 111, CBLAS_TRANS = 112 };

static dnnl_sgemm_fn dnnl_sgemm;
static cblas_sgemm_fn cblas_sgemm;
static set_threads_fn openblas_set_num_threads, omp_set_num_threads;
static char load_error[512];
static int load_status = -1;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    // OpenBLAS starts a thread per core at load, and they spin in sched_yield between products
    // (5% of a core through a whole seed-mlp run) although every product here runs on one
    // thread: with a count of one it starts none. A count the user set is kept.
    setenv("OPENBLAS_NUM_THREADS", "1", 0);
    const mk_symbol blas[] = {
        {"cblas_sgemm", (void **)&cblas_sgemm}, {"openblas_set_num_threads", (void **)&openblas_set_num_threads},
    };
    if (!mk_load_library("libopenblas.so.0", blas, sizeof blas / sizeof *blas, load_error, sizeof load_error)) return;
    openblas_set_num_threads(1);              // also when the environment asked for more
    const mk_symbol dnnl[] = {                // libgomp's, through libdnnl's dependencies
        {"dnnl_sgemm", (void **)&dnnl_sgemm}, {"omp_set_num_threads", (void **)&omp_set_num_threads},
    };
    if (!mk_load_library("libdnnl.so.2", dnnl, sizeof dnnl / sizeof *dnnl, load_error, sizeof load_error)) return;
    load_status = 0;
}

int mkp_load(char *error, size_t size) {
    pthread_once(&once, load);
    if (load_status != 0 && error && size) snprintf(error, size, "%s", load_error);
    return load_status;
}

void mkp_dnnl_sgemm(char transa, char transb, int64_t m, int64_t n, int64_t k, float alpha, const float *a,
                    int64_t lda, const float *b, int64_t ldb, float beta, float *c, int64_t ldc) {
    dnnl_sgemm(transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void mkp_blas_sgemm(int transa, int transb, int m, int n, int k, float alpha, const float *a, int lda,
                    const float *b, int ldb, float beta, float *c, int ldc) {
    cblas_sgemm(CBLAS_ROW_MAJOR, transa ? CBLAS_TRANS : CBLAS_NO_TRANS, transb ? CBLAS_TRANS : CBLAS_NO_TRANS, m, n, k,
                alpha, a, lda, b, ldb, beta, c, ldc);
}

void mkp_use_omp_threads(int n) {
    static __thread int current;
    if (current == n) return;
    omp_set_num_threads(n);
    current = n;
}
