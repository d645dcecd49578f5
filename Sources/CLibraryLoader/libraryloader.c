// See libraryloader.h.
#include "libraryloader.h"
#include <dlfcn.h>
#include <stdio.h>

void *mk_load_library(const char *path, const mk_symbol *symbols, size_t count, char *error, size_t size) {
    void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *reason = dlerror();
        snprintf(error, size, "%s", reason ? reason : path);
        return NULL;
    }
    for (size_t i = 0; i < count; i++) {
        if (!(*symbols[i].slot = dlsym(lib, symbols[i].name))) {
            snprintf(error, size, "%s: symbol %s missing", path, symbols[i].name);
            dlclose(lib);
            return NULL;
        }
    }
    return lib;
}
