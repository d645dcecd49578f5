// OpenBLAS's CBLAS interface (found through pkg-config `openblas`), plus its thread control.
#include <cblas.h>
