// Opening a shared library at run time and resolving its functions: the one way CCUDA (the CUDA
// driver, cuBLAS, NVRTC), CProducts (oneDNN, OpenBLAS) and CCurl (libcurl) load what they do not link.
#pragma once
#include <stddef.h>

/// A function to resolve: its exported name and where its address goes.
typedef struct { const char *name; void **slot; } mk_symbol;

/// dlopen(path, RTLD_NOW | RTLD_LOCAL), then dlsym of each symbol into its slot (a symbol of a
/// library the first one depends on resolves too). The handle; or NULL with the loader's reason,
/// or "PATH: symbol NAME missing", in `error` (the library is closed again).
void *mk_load_library(const char *path, const mk_symbol *symbols, size_t count, char *error, size_t size);
