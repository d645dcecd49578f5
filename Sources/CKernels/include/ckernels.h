// mlplab's element-wise and reduction kernels, compiled once per instruction set (AVX-512,
// AVX2+FMA, baseline) from one source (kernels.inc) and chosen once at start (dispatch.c).
// Every pointer is float32 row-major; n counts elements. Names follow the layer they serve;
// each forward sits above its backward, as in the Swift layers.
#ifndef CKERNELS_H
#define CKERNELS_H
#include <stddef.h>
#include <stdint.h>

typedef enum { MK_ISA_BASELINE = 0, MK_ISA_AVX2 = 1, MK_ISA_AVX512 = 2 } mk_isa;
enum { MK_SMALL_MAX_SIZE = 64 };             // small_product's largest m and k

#pragma clang assume_nonnull begin
typedef struct mk_kernels {
    const char *isa;                                   // "avx512", "avx2", "baseline"
    // MARK: products with one small operand (products.inc)
    // C = beta*C + alpha*op(A)·B, op(A) m x k (m, k <= MK_SMALL_MAX_SIZE), element (i, p) at a[i*ars + p*acs];
    // with a bias (m), C = alpha*op(A)·B + bias[i] on row i instead.
    void (*small_product)(size_t m, size_t n, size_t k, float alpha, const float *a, size_t ars, size_t acs,
                          const float *b, size_t ldb, float beta, const float *_Nullable bias, float *c, size_t ldc);
    // C = beta*C + alpha*A·Bᵀ, A m x k and B n x k row-major, k long.
    void (*small_dots)(size_t m, size_t n, size_t k, float alpha, const float *a, size_t lda, const float *b, size_t ldb,
                       float beta, float *c, size_t ldc);
    // MARK: activations
    void (*relu)(const float *x, float *y, size_t n);
    void (*relu_backward)(const float *y, const float *dy, float *dx, size_t n);
    void (*gelu)(const float *x, float *y, size_t n);
    // With a bias (d), z[r, :] += bias first (n a multiple of d); then y = gelu(z), and with derivative
    // z <- gelu'(z) in place.
    void (*gelu_fused)(float *z, const float *_Nullable bias, size_t d, float *y, size_t n, int derivative);
    void (*gelu_derivative)(float *z, size_t n);
    void (*tanh_forward)(const float *x, float *y, size_t n);
    void (*tanh_backward)(const float *y, const float *dy, float *dx, size_t n);
    void (*sigmoid_forward)(const float *x, float *y, size_t n);
    void (*sigmoid_backward)(const float *y, const float *dy, float *dx, size_t n);
    // MARK: element-wise
    void (*multiply)(const float *a, const float *b, float *y, size_t n);      // y = a*b (y may be a)
    void (*add)(const float *x, float *y, size_t n);                            // y += x
    void (*scale)(float *y, float s, size_t n);                                 // y *= s
    double (*sum_of_squares)(const float *x, size_t n);                        // sum of x^2
    void (*scaled_copy)(const float *x, float *y, float s, size_t n);          // y = s*x
    // m = 0 where a draw of xoshiro256** (state s, advanced) is below p, else scale
    void (*dropout_mask)(uint64_t *s, float *m, size_t n, float p, float scale);
    // y (count, f) = s * rows `rows` of x (uint8, f each): a batch's pixels as floats
    void (*gather_bytes_to_floats)(const uint8_t *x, const int32_t *rows, size_t count, size_t f, float s, float *y);
    // MARK: bias
    void (*broadcast_rows)(const float *v, float *y, size_t rows, size_t n);   // y[r, :] = v
    void (*broadcast_columns)(const float *v, float *y, size_t rows, size_t n);// y[r, :] = v[r]
    void (*add_column_sums)(const float *x, size_t rows, size_t n, float *g);  // g[j] += sum_r x[r, j]
    void (*add_row_sums)(const float *x, size_t rows, size_t n, float *g);     // g[r] += sum_j x[r, j]
    // MARK: normalisation
    void (*layernorm_forward)(const float *x, const float *w, const float *b, float *y, float *mean,
                              float *rstd, size_t rows, size_t d, float eps);
    // dx over dy.
    void (*layernorm_backward)(const float *x, float *dy, const float *w, float *dw, float *db, const float *mean,
                               const float *rstd, size_t rows, size_t d);
    void (*affine_forward)(const float *x, const float *a, const float *b, float *y, size_t rows, size_t d);
    void (*affine_backward)(const float *x, const float *dy, const float *a, float *da, float *db, float *dx,
                            size_t rows, size_t d);
    // MARK: residual with layer-scale (s may be NULL for s = 1)
    void (*residual_forward)(const float *x, const float *f, const float *_Nullable s, float *y, size_t rows, size_t d);
    // dbranch = s*dy, ds += sum dy*f
    void (*layerscale_backward)(const float *dy, const float *f, const float *s, float *ds, float *dbranch,
                                size_t rows, size_t d);
    // MARK: losses (return the batch's summed loss)
    // g NULL: no gradient (evaluation); smoothing e: targets (1-e)*one_hot + e/k
    double (*softmax_cross_entropy)(const float *z, const int32_t *labels, float *p, float *_Nullable g, size_t b,
                                    size_t k, float smoothing);
    double (*softmax_mse)(const float *z, const int32_t *labels, float *p, float *_Nullable g, size_t b, size_t k);
    // MARK: tokens
    void (*token_mean)(const float *x, float *y, size_t tokens, size_t n);
    void (*token_mean_backward)(const float *dy, float *dx, size_t tokens, size_t n);
    void (*patchify)(const float *x, float *patches, size_t batch, size_t height, size_t width, size_t patch);
    void (*unpatchify)(const float *patches, float *x, size_t batch, size_t height, size_t width, size_t patch);
    // MARK: Vision Permutator
    void (*permute_segments)(float *x, float *t, size_t grid, size_t batch, size_t channels, size_t segments,
                             int height, int to_branch, int accumulate);
    void (*sum3_mean)(const float *h, const float *w, const float *c, float *pooled, size_t tokens, size_t n);
    void (*softmax3)(const float *logits, float *a, size_t n);
    void (*combine3)(const float *h, const float *w, const float *c, const float *a, float *z, size_t tokens, size_t n);
    void (*combine3_backward)(const float *dz, const float *h, const float *w, const float *c, const float *a,
                              float *da, float *dlogits, size_t tokens, size_t n);
    void (*branch_gradient)(const float *dz, const float *ak, const float *dm, float inv_tokens, float *g,
                            size_t tokens, size_t n);
    // MARK: optimizers (w, g, state...), n elements
    void (*sgd)(float *w, const float *g, size_t n, float lr, float wd);
    void (*sgd_momentum)(float *w, const float *g, float *buf, size_t n, float lr, float mu, float wd, int first,
                         int nesterov);
    void (*adam)(float *w, const float *g, float *m, float *v, size_t n, float b1, float b2, float step_size,
                 float sqrt_bias2, float eps, float l2, float shrink);
    void (*rmsprop)(float *w, const float *g, float *sq, size_t n, float lr, float alpha, float eps, float wd);
    void (*rmsprop_momentum)(float *w, const float *g, float *sq, float *buf, size_t n, float lr, float alpha,
                             float eps, float mu, float wd);
    void (*adagrad)(float *w, const float *g, float *sum, size_t n, float clr, float eps, float wd);
    // MARK: augmentation (see augmentation.inc)
    void (*augment_images)(const uint8_t *_Nullable bytes, const int32_t *_Nullable rows, const float *_Nullable floats,
                           size_t count, size_t h, size_t w, float scale, const float *ms, const float *_Nullable disp,
                           float *pad, float *y);
    void (*elastic_smooth)(float *field, float *tmp, size_t h, size_t w, const float *k, size_t r, float alpha);
} mk_kernels;

/// The kernels for an instruction set, or NULL when this CPU (or build) lacks it.
const mk_kernels *_Nullable mk_kernels_for(mk_isa isa);
/// The best instruction set this CPU runs (checked once, from CPUID).
mk_isa mk_best_isa(void);
/// Flushes subnormals to zero on this thread.
void mk_flush_subnormals(void);
#pragma clang assume_nonnull end
#endif
