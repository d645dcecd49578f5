// Resolves oneDNN's and OpenBLAS's products with dlopen/dlsym on first use (see cproducts.h).
#include "cproducts.h"
#include <dlfcn.h>
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

static void *open_library(const char *name) {
    void *lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *reason = dlerror();
        snprintf(load_error, sizeof load_error, "%s", reason ? reason : name);
    }
    return lib;
}

static void *symbol(void *lib, const char *library, const char *name) {
    void *f = dlsym(lib, name);
    if (!f) snprintf(load_error, sizeof load_error, "%s: symbol %s missing", library, name);
    return f;
}

static void load(void) {
    // OpenBLAS starts a thread per core at load, and they spin in sched_yield between products
    // (5% of a core through a whole seed-mlp run) although every product here runs on one
    // thread: with a count of one it starts none. A count the user set is kept.
    setenv("OPENBLAS_NUM_THREADS", "1", 0);
    void *blas = open_library("libopenblas.so.0");
    if (!blas) return;
    cblas_sgemm = (cblas_sgemm_fn)symbol(blas, "libopenblas.so.0", "cblas_sgemm");
    openblas_set_num_threads = (set_threads_fn)symbol(blas, "libopenblas.so.0", "openblas_set_num_threads");
    if (!cblas_sgemm || !openblas_set_num_threads) return;
    openblas_set_num_threads(1);              // also when the environment asked for more
    void *dnnl = open_library("libdnnl.so.2");
    if (!dnnl) return;
    dnnl_sgemm = (dnnl_sgemm_fn)symbol(dnnl, "libdnnl.so.2", "dnnl_sgemm");
    omp_set_num_threads = (set_threads_fn)symbol(dnnl, "libdnnl.so.2 (libgomp)", "omp_set_num_threads");
    if (!dnnl_sgemm || !omp_set_num_threads) return;
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
