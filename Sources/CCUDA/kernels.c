// kernels.cu's text, embedded for NVRTC (compiled at run time, once per process).
#include "ccuda.h"

static const char source[] = {
#embed "kernels.cu"
    , 0};

const char *ccuda_kernel_source(void) { return source; }
