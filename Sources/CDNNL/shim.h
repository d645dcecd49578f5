// oneDNN (Debian's libdnnl-dev): the CPU backend's `dnnl_sgemm` for the shapes where it beats
// OpenBLAS (docs/ENGINE.md has the rule). Runs on libgomp; the backend sets each thread's count.
#include <dnnl.h>
