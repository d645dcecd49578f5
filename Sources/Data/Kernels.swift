import CKernels

/// The C kernels of the best instruction set this CPU runs (CKernels/kernels.inc), for the data
/// module's loops: pixels to floats as batches are gathered, and augmentation.
nonisolated(unsafe) let kernels: mk_kernels = mk_kernels_for(mk_best_isa())!.pointee
