// Resolves ccuda_api's functions at run time (see include/ccuda.h and libraryloader.h).
#include "ccuda.h"
#include "libraryloader.h"
#include <stdio.h>

#define S(field, name) { name, (void **)&api->field }
#define LOAD(s) (mk_load_library(path, s, sizeof s / sizeof *s, error, size) ? 0 : -1)

int ccuda_load(ccuda_api *api, ccuda_library library, const char *path, char *error, size_t size) {
    switch (library) {
    case CCUDA_DRIVER: {
        const mk_symbol s[] = {
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
        return LOAD(s);
    }
    case CCUDA_CUBLAS: {
        const mk_symbol s[] = {
            S(cublasCreate, "cublasCreate_v2"), S(cublasSetStream, "cublasSetStream_v2"),
            S(cublasSgemm, "cublasSgemm_v2"),
        };
        return LOAD(s);
    }
    case CCUDA_NVRTC: {
        const mk_symbol s[] = {
            S(nvrtcVersion, "nvrtcVersion"), S(nvrtcCreateProgram, "nvrtcCreateProgram"),
            S(nvrtcCompileProgram, "nvrtcCompileProgram"), S(nvrtcGetPTXSize, "nvrtcGetPTXSize"),
            S(nvrtcGetPTX, "nvrtcGetPTX"), S(nvrtcGetProgramLogSize, "nvrtcGetProgramLogSize"),
            S(nvrtcGetProgramLog, "nvrtcGetProgramLog"), S(nvrtcDestroyProgram, "nvrtcDestroyProgram"),
            S(nvrtcGetErrorString, "nvrtcGetErrorString"),
        };
        return LOAD(s);
    }
    default:
        snprintf(error, size, "unknown library %d", (int)library);
        return -1;
    }
}

cu_result ccuda_launch(const ccuda_api *api, cu_function f, unsigned grid, unsigned block, cu_stream stream,
                       void **params) {
    return api->cuLaunchKernel(f, grid, 1, 1, block, 1, 1, 0, stream, params, NULL);
}

cu_result ccuda_sgemm(const ccuda_api *api, cublas_handle h, int ta, int tb, int m, int n, int k, float alpha,
                      const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc) {
    return api->cublasSgemm(h, ta, tb, m, n, k, &alpha, a, lda, b, ldb, &beta, c, ldc);  // CUBLAS_OP_N 0, _T 1
}
