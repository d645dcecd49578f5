// Resolves ccuda_api's functions with dlopen/dlsym (see include/ccuda.h).
#include "ccuda.h"
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

typedef struct { const char *name; void **slot; } symbol;

static int resolve(void *lib, const symbol *symbols, size_t count, char *error, size_t size) {
    for (size_t i = 0; i < count; i++) {
        void *f = dlsym(lib, symbols[i].name);
        if (!f) { snprintf(error, size, "symbol %s missing", symbols[i].name); return -1; }
        *symbols[i].slot = f;
    }
    return 0;
}

#define S(field, name) { name, (void **)&api->field }

int ccuda_load(ccuda_api *api, ccuda_library library, const char *path, char *error, size_t size) {
    void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *reason = dlerror();
        snprintf(error, size, "%s", reason ? reason : "dlopen failed");
        return -1;
    }
    int status;
    switch (library) {
    case CCUDA_DRIVER: {
        const symbol s[] = {
            S(cuInit, "cuInit"), S(cuDriverGetVersion, "cuDriverGetVersion"), S(cuDeviceGetCount, "cuDeviceGetCount"),
            S(cuDeviceGet, "cuDeviceGet"), S(cuDeviceGetName, "cuDeviceGetName"),
            S(cuDeviceTotalMem, "cuDeviceTotalMem_v2"), S(cuDeviceGetAttribute, "cuDeviceGetAttribute"),
            S(cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain"), S(cuCtxSetCurrent, "cuCtxSetCurrent"),
            S(cuCtxSynchronize, "cuCtxSynchronize"), S(cuMemAllocManaged, "cuMemAllocManaged"),
            S(cuMemFree, "cuMemFree_v2"), S(cuMemGetInfo, "cuMemGetInfo_v2"), S(cuModuleLoadData, "cuModuleLoadData"),
            S(cuModuleGetFunction, "cuModuleGetFunction"), S(cuLaunchKernel, "cuLaunchKernel"),
            S(cuStreamCreate, "cuStreamCreate"), S(cuStreamSynchronize, "cuStreamSynchronize"),
            S(cuGetErrorString, "cuGetErrorString"),
        };
        status = resolve(lib, s, sizeof s / sizeof *s, error, size);
        break;
    }
    case CCUDA_CUBLAS: {
        const symbol s[] = {
            S(cublasCreate, "cublasCreate_v2"), S(cublasSetStream, "cublasSetStream_v2"),
            S(cublasSgemm, "cublasSgemm_v2"),
        };
        status = resolve(lib, s, sizeof s / sizeof *s, error, size);
        break;
    }
    case CCUDA_NVRTC: {
        const symbol s[] = {
            S(nvrtcVersion, "nvrtcVersion"), S(nvrtcCreateProgram, "nvrtcCreateProgram"),
            S(nvrtcCompileProgram, "nvrtcCompileProgram"), S(nvrtcGetPTXSize, "nvrtcGetPTXSize"),
            S(nvrtcGetPTX, "nvrtcGetPTX"), S(nvrtcGetProgramLogSize, "nvrtcGetProgramLogSize"),
            S(nvrtcGetProgramLog, "nvrtcGetProgramLog"), S(nvrtcDestroyProgram, "nvrtcDestroyProgram"),
            S(nvrtcGetErrorString, "nvrtcGetErrorString"),
        };
        status = resolve(lib, s, sizeof s / sizeof *s, error, size);
        break;
    }
    default:
        snprintf(error, size, "unknown library %d", (int)library);
        status = -1;
    }
    if (status != 0) dlclose(lib);
    return status;
}

cu_result ccuda_launch(const ccuda_api *api, cu_function f, unsigned grid, unsigned block, cu_stream stream,
                       void **params) {
    return api->cuLaunchKernel(f, grid, 1, 1, block, 1, 1, 0, stream, params, NULL);
}

cu_result ccuda_sgemm(const ccuda_api *api, cublas_handle h, int ta, int tb, int m, int n, int k, float alpha,
                      const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc) {
    return api->cublasSgemm(h, ta, tb, m, n, k, &alpha, a, lda, b, ldb, &beta, c, ldc);  // CUBLAS_OP_N 0, _T 1
}
