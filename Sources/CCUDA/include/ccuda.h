// The slice of the CUDA driver, cuBLAS and NVRTC APIs that mlplab's GPU backend calls, declared
// here and resolved at run time with dlopen/dlsym: nothing CUDA is needed to build mlplab, and a
// machine without a GPU runs it as before. Types are the ABI's (opaque handles, int results).
#ifndef CCUDA_H
#define CCUDA_H
#include <stddef.h>
#include <stdint.h>

typedef int cu_result;                       // CUresult, cublasStatus_t, nvrtcResult: 0 is success
typedef int cu_device;
typedef uint64_t cu_deviceptr;
typedef struct cu_context_st *cu_context;
typedef struct cu_module_st *cu_module;
typedef struct cu_function_st *cu_function;
typedef struct cu_stream_st *cu_stream;
typedef struct cublas_context_st *cublas_handle;
typedef struct nvrtc_program_st *nvrtc_program;

/// The functions found, or NULL where a library was not loaded. Filled by ccuda_load_*.
typedef struct {
    // driver (libcuda.so.1)
    cu_result (*cuInit)(unsigned int);
    cu_result (*cuDriverGetVersion)(int *);
    cu_result (*cuDeviceGetCount)(int *);
    cu_result (*cuDeviceGet)(cu_device *, int);
    cu_result (*cuDeviceGetName)(char *, int, cu_device);
    cu_result (*cuDeviceTotalMem)(size_t *, cu_device);
    cu_result (*cuDeviceGetAttribute)(int *, int, cu_device);
    cu_result (*cuDevicePrimaryCtxRetain)(cu_context *, cu_device);
    cu_result (*cuCtxSetCurrent)(cu_context);
    cu_result (*cuCtxSynchronize)(void);
    cu_result (*cuMemAllocManaged)(cu_deviceptr *, size_t, unsigned int);
    cu_result (*cuMemFree)(cu_deviceptr);
    cu_result (*cuMemGetInfo)(size_t *, size_t *);
    cu_result (*cuModuleLoadData)(cu_module *, const void *);
    cu_result (*cuModuleGetFunction)(cu_function *, cu_module, const char *);
    cu_result (*cuLaunchKernel)(cu_function, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned,
                                cu_stream, void **, void **);
    cu_result (*cuStreamCreate)(cu_stream *, unsigned int);
    cu_result (*cuStreamSynchronize)(cu_stream);
    cu_result (*cuGetErrorString)(cu_result, const char **);
    // cuBLAS (libcublas.so.13 or .12)
    cu_result (*cublasCreate)(cublas_handle *);
    cu_result (*cublasSetStream)(cublas_handle, cu_stream);
    cu_result (*cublasSgemm)(cublas_handle, int, int, int, int, int, const float *, const float *, int,
                             const float *, int, const float *, float *, int);
    // NVRTC (libnvrtc.so.13 or .12)
    cu_result (*nvrtcVersion)(int *, int *);
    cu_result (*nvrtcCreateProgram)(nvrtc_program *, const char *, const char *, int, const char *const *,
                                    const char *const *);
    cu_result (*nvrtcCompileProgram)(nvrtc_program, int, const char *const *);
    cu_result (*nvrtcGetPTXSize)(nvrtc_program, size_t *);
    cu_result (*nvrtcGetPTX)(nvrtc_program, char *);
    cu_result (*nvrtcGetProgramLogSize)(nvrtc_program, size_t *);
    cu_result (*nvrtcGetProgramLog)(nvrtc_program, char *);
    cu_result (*nvrtcDestroyProgram)(nvrtc_program *);
    const char *(*nvrtcGetErrorString)(cu_result);
} ccuda_api;

/// Which library ccuda_load opens.
typedef enum { CCUDA_DRIVER = 0, CCUDA_CUBLAS = 1, CCUDA_NVRTC = 2 } ccuda_library;

/// Opens `path` (a file name the dynamic linker searches for, or a full path) and resolves the
/// library's functions into `api`. Returns 0, or -1 with a one-line reason in `error`
/// (dlerror's text, or the first missing symbol).
int ccuda_load(ccuda_api *api, ccuda_library library, const char *path, char *error, size_t error_size);

/// Launches `f` with its parameters as an array of pointers to each argument (CUDA's form).
cu_result ccuda_launch(const ccuda_api *api, cu_function f, unsigned grid, unsigned block, cu_stream stream,
                       void **params);

/// cuBLAS's column-major sgemm with transposes given as 0/1.
cu_result ccuda_sgemm(const ccuda_api *api, cublas_handle h, int ta, int tb, int m, int n, int k, float alpha,
                      const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc);

/// kernels.cu, NUL-terminated: the GPU kernels' CUDA C source.
const char *ccuda_kernel_source(void);
#endif
