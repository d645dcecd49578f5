// mlplab's GPU kernels: every operation of the kernel seam (Sources/Tensor/Backend.swift) but the
// matrix products (cuBLAS). Compiled once per process by NVRTC for the device's compute
// capability, embedded in the binary by kernels.c (#embed). The numerics follow the CPU kernels
// (Sources/CKernels/kernels.inc): the same exp and erf polynomials, torch's optimizer rules.
// Reductions are sequential per thread or fixed-shape trees in shared memory, never atomics, so
// a rerun on the same GPU gives the same bits.
typedef unsigned long long u64;
#define EACH(i, n) for (u64 i = (u64)blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += (u64)gridDim.x * blockDim.x)
#define THREADS 256

__device__ __forceinline__ float fexp(float v) {
    float x = fminf(fmaxf(v, -87.3f), 88.3f);
    float kb = x * 1.44269504f + 12582912.0f;
    float k = kb - 12582912.0f;
    float r = x - k * 0.693359375f - k * -2.12194440e-4f;
    float p = 1.98756915e-4f;
    p = p * r + 1.39819995e-3f;
    p = p * r + 8.33345190e-3f;
    p = p * r + 4.16657959e-2f;
    p = p * r + 1.66666555e-1f;
    p = p * r + 5.00000012e-1f;
    p = p * r * r + r + 1.0f;
    unsigned bits = (__float_as_uint(kb) - (0x4B400000u - 127u)) << 23;
    return p * __uint_as_float(bits);
}
// Φ(v) and φ(v) from one exp, as the CPU kernels (activations.inc: Abramowitz & Stegun 7.1.26 for erfc).
__device__ __forceinline__ float gauss(float v, float *pdf) {
    float e = fexp(-0.5f * v * v);
    float t = 1.0f / (1.0f + 0.23164189f * fabsf(v));
    float q = 1.061405429f;
    q = q * t - 1.453152027f;
    q = q * t + 1.421413741f;
    q = q * t - 0.284496736f;
    q = q * t + 0.254829592f;
    float tail = 0.5f * q * t * e;
    *pdf = 0.39894228f * e;
    return v >= 0 ? 1.0f - tail : tail;
}

// A block's sum of one value per thread, in a fixed tree order (blockDim.x == THREADS).
__device__ float block_sum(float v, float *shared) {
    shared[threadIdx.x] = v;
    __syncthreads();
    for (unsigned s = THREADS / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) shared[threadIdx.x] += shared[threadIdx.x + s];
        __syncthreads();
    }
    float total = shared[0];
    __syncthreads();
    return total;
}
__device__ float block_max(float v, float *shared) {
    shared[threadIdx.x] = v;
    __syncthreads();
    for (unsigned s = THREADS / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) shared[threadIdx.x] = fmaxf(shared[threadIdx.x], shared[threadIdx.x + s]);
        __syncthreads();
    }
    float m = shared[0];
    __syncthreads();
    return m;
}

extern "C" {
// MARK: - activations
__global__ void relu(const float *x, float *y, u64 n) { EACH(i, n) y[i] = x[i] > 0 ? x[i] : 0; }
__global__ void relu_backward(const float *y, const float *dy, float *dx, u64 n) { EACH(i, n) dx[i] = y[i] > 0 ? dy[i] : 0; }
__global__ void gelu(const float *x, float *y, u64 n) { EACH(i, n) { float pdf; y[i] = x[i] * gauss(x[i], &pdf); } }
__global__ void gelu_fused(float *z, const float *bias, u64 d, float *y, u64 n, int derivative) {
    EACH(i, n) {
        float v = bias ? z[i] + bias[i % d] : z[i], pdf, c = gauss(v, &pdf);
        y[i] = v * c;
        if (derivative) z[i] = c + v * pdf;
        else if (bias) z[i] = v;
    }
}
__global__ void gelu_derivative(float *z, u64 n) { EACH(i, n) { float v = z[i], pdf, c = gauss(v, &pdf); z[i] = c + v * pdf; } }
__global__ void tanh_forward(const float *x, float *y, u64 n) { EACH(i, n) y[i] = tanhf(x[i]); }
__global__ void tanh_backward(const float *y, const float *dy, float *dx, u64 n) { EACH(i, n) dx[i] = dy[i] * (1 - y[i] * y[i]); }
__global__ void sigmoid_forward(const float *x, float *y, u64 n) { EACH(i, n) y[i] = 1 / (1 + fexp(-x[i])); }
__global__ void sigmoid_backward(const float *y, const float *dy, float *dx, u64 n) { EACH(i, n) dx[i] = dy[i] * y[i] * (1 - y[i]); }

// MARK: - element-wise
__global__ void multiply(const float *a, const float *b, float *y, u64 n) { EACH(i, n) y[i] = a[i] * b[i]; }
__global__ void add(const float *x, float *y, u64 n) { EACH(i, n) y[i] += x[i]; }
__global__ void copy(const float *x, float *y, u64 n) { EACH(i, n) y[i] = x[i]; }
__global__ void fill(float *y, float v, u64 n) { EACH(i, n) y[i] = v; }
__global__ void scale(float *y, float s, u64 n) { EACH(i, n) y[i] *= s; }
// Sums of squares of 4096-element blocks, one thread per block, in order; the host adds them in double.
__global__ void block_sums_of_squares(const float *x, float *out, u64 n) {
    EACH(blk, (n + 4095) / 4096) {
        float s = 0;
        for (u64 i = blk * 4096; i < n && i < (blk + 1) * 4096; i++) s += x[i] * x[i];
        out[blk] = s;
    }
}

// MARK: - bias
__global__ void broadcast_rows(const float *v, float *y, u64 rows, u64 n) { EACH(i, rows * n) y[i] = v[i % n]; }
__global__ void broadcast_columns(const float *v, float *y, u64 rows, u64 n) { EACH(i, rows * n) y[i] = v[i / n]; }
// g[j] += sum over rows of x[r, j]: one thread per column, rows in order.
__global__ void add_column_sums(const float *x, u64 rows, u64 n, float *g) {
    EACH(j, n) { float s = 0; for (u64 r = 0; r < rows; r++) s += x[r * n + j]; g[j] += s; }
}
// g[r] += sum of row r: one block per row.
__global__ void add_row_sums(const float *x, u64 rows, u64 n, float *g) {
    __shared__ float shared[THREADS];
    for (u64 r = blockIdx.x; r < rows; r += gridDim.x) {
        float s = 0;
        for (u64 j = threadIdx.x; j < n; j += THREADS) s += x[r * n + j];
        s = block_sum(s, shared);
        if (threadIdx.x == 0) g[r] += s;
    }
}

// MARK: - normalisation (one block per row; the weight gradients per column)
__global__ void layernorm_forward(const float *x, const float *w, const float *b, float *y, float *mean, float *rstd,
                                  u64 rows, u64 d, float eps) {
    __shared__ float shared[THREADS];
    for (u64 r = blockIdx.x; r < rows; r += gridDim.x) {
        const float *src = x + r * d; float *dst = y + r * d;
        float s = 0;
        for (u64 j = threadIdx.x; j < d; j += THREADS) s += src[j];
        float mu = block_sum(s, shared) / (float)d;
        float q = 0;
        for (u64 j = threadIdx.x; j < d; j += THREADS) { float c = src[j] - mu; q += c * c; }
        float sd = 1.0f / sqrtf(block_sum(q, shared) / (float)d + eps);
        for (u64 j = threadIdx.x; j < d; j += THREADS) dst[j] = (src[j] - mu) * sd * w[j] + b[j];
        if (threadIdx.x == 0) { mean[r] = mu; rstd[r] = sd; }
    }
}
// dy <- dx in place, per row.
__global__ void layernorm_backward_rows(const float *x, float *dy, const float *w, const float *mean, const float *rstd,
                                        u64 rows, u64 d) {
    __shared__ float shared[THREADS];
    for (u64 r = blockIdx.x; r < rows; r += gridDim.x) {
        const float *src = x + r * d; float *gy = dy + r * d;
        float mu = mean[r], s = rstd[r], a = 0, c = 0;
        for (u64 j = threadIdx.x; j < d; j += THREADS) {
            float xh = (src[j] - mu) * s, gg = gy[j] * w[j];
            a += gg * xh; c += gg;
        }
        float c1 = block_sum(a, shared) / (float)d, c2 = block_sum(c, shared) / (float)d;
        for (u64 j = threadIdx.x; j < d; j += THREADS) {
            float xh = (src[j] - mu) * s;
            gy[j] = s * (gy[j] * w[j] - c2 - xh * c1);
        }
    }
}
// dw[j] += sum_r dy[r,j] * xhat[r,j], db[j] += sum_r dy[r,j] (before dy is overwritten).
__global__ void layernorm_backward_columns(const float *x, const float *dy, float *dw, float *db, const float *mean,
                                           const float *rstd, u64 rows, u64 d) {
    EACH(j, d) {
        float sw = 0, sb = 0;
        for (u64 r = 0; r < rows; r++) {
            float g = dy[r * d + j];
            sw += g * (x[r * d + j] - mean[r]) * rstd[r];
            sb += g;
        }
        dw[j] += sw; db[j] += sb;
    }
}
__global__ void affine_forward(const float *x, const float *a, const float *b, float *y, u64 rows, u64 d) {
    EACH(i, rows * d) { u64 j = i % d; y[i] = x[i] * a[j] + b[j]; }
}
__global__ void affine_backward_columns(const float *x, const float *dy, float *da, float *db, u64 rows, u64 d) {
    EACH(j, d) {
        float sa = 0, sb = 0;
        for (u64 r = 0; r < rows; r++) { float g = dy[r * d + j]; sa += g * x[r * d + j]; sb += g; }
        da[j] += sa; db[j] += sb;
    }
}
__global__ void affine_backward_input(const float *dy, const float *a, float *dx, u64 rows, u64 d) {
    EACH(i, rows * d) dx[i] = dy[i] * a[i % d];
}

// MARK: - residual with layer-scale
__global__ void residual_forward(const float *x, const float *f, const float *s, int scaled, float *y, u64 rows, u64 d) {
    EACH(i, rows * d) y[i] = x[i] + (scaled ? s[i % d] * f[i] : f[i]);
}
__global__ void layerscale_backward_columns(const float *dy, const float *f, float *ds, u64 rows, u64 d) {
    EACH(j, d) { float s = 0; for (u64 r = 0; r < rows; r++) s += dy[r * d + j] * f[r * d + j]; ds[j] += s; }
}
__global__ void layerscale_backward_branch(const float *dy, const float *s, float *db, u64 rows, u64 d) {
    EACH(i, rows * d) db[i] = s[i % d] * dy[i];
}

// MARK: - losses: one thread per row (K is 10); each row's loss goes to row_loss, summed on the host
// p = softmax(z) over k; returns log-sum-exp of z.
__device__ float softmax_row(const float *z, float *p, u64 k) {
    float zmax = z[0];
    for (u64 j = 1; j < k; j++) zmax = fmaxf(zmax, z[j]);
    float sum = 0;
    for (u64 j = 0; j < k; j++) { p[j] = fexp(z[j] - zmax); sum += p[j]; }
    float inv = 1 / sum;
    for (u64 j = 0; j < k; j++) p[j] *= inv;
    return logf(sum) + zmax;
}
// Against (1-e)*onehot + e/k (torch's label_smoothing; e = 0 is the plain loss).
__global__ void softmax_cross_entropy(const float *z, const int *labels, float *p, float *g, int has_gradient,
                                      float *row_loss, u64 b, u64 k, float smoothing) {
    EACH(r, b) {
        const float *zr = z + r * k; float *pr = p + r * k; u64 y = (u64)labels[r];
        float lse = softmax_row(zr, pr, k), uniform = smoothing / (float)k;
        if (smoothing == 0) {
            row_loss[r] = lse - zr[y];
        } else {
            float zsum = 0;
            for (u64 j = 0; j < k; j++) zsum += zr[j];
            row_loss[r] = (1 - smoothing) * (lse - zr[y]) + uniform * ((float)k * lse - zsum);
        }
        if (has_gradient) {
            float scale = 1.0f / (float)b, *gr = g + r * k;
            for (u64 j = 0; j < k; j++) gr[j] = (pr[j] - uniform) * scale;
            gr[y] -= (1 - smoothing) * scale;
        }
    }
}
__global__ void softmax_mse(const float *z, const int *labels, float *p, float *g, int has_gradient, float *row_loss,
                            u64 b, u64 k) {
    EACH(r, b) {
        const float *zr = z + r * k; float *pr = p + r * k; u64 y = (u64)labels[r];
        softmax_row(zr, pr, k);
        float loss = 0;
        for (u64 j = 0; j < k; j++) { float d = pr[j] - (j == y ? 1.0f : 0.0f); loss += d * d; }
        row_loss[r] = loss / (float)k;
        if (has_gradient) {
            float scale = 2.0f / (float)(b * k), *gr = g + r * k, dot = 0;
            for (u64 j = 0; j < k; j++) { gr[j] = (pr[j] - (j == y ? 1.0f : 0.0f)) * scale; dot += gr[j] * pr[j]; }
            for (u64 j = 0; j < k; j++) gr[j] = pr[j] * (gr[j] - dot);
        }
    }
}

// MARK: - tokens
__global__ void token_mean(const float *x, float *y, u64 tokens, u64 n) {
    EACH(i, n) { float s = 0; for (u64 t = 0; t < tokens; t++) s += x[t * n + i]; y[i] = s * (1.0f / (float)tokens); }
}
__global__ void token_mean_backward(const float *dy, float *dx, u64 tokens, u64 n) {
    EACH(i, tokens * n) dx[i] = dy[i % n] * (1.0f / (float)tokens);
}
// (B, H*W) images <-> token-major (P, B, p*p) patches; one thread per patch element.
__global__ void patchify(const float *x, float *out, u64 batch, u64 height, u64 width, u64 p, int inverse) {
    u64 gw = width / p, fan = p * p, tokens = (height / p) * gw;
    EACH(i, tokens * batch * fan) {
        u64 e = i % fan, s = (i / fan) % batch, t = i / (fan * batch);
        u64 pixel = s * height * width + ((t / gw) * p + e / p) * width + (t % gw) * p + e % p;
        if (inverse) out[pixel] = x[i]; else out[i] = x[pixel];
    }
}

// MARK: - Vision Permutator (layouts as in tokens.inc)
__global__ void permute_segments(float *x, float *t, u64 n, u64 batch, u64 c, u64 segments, int height, int to_branch,
                                 int accumulate) {
    u64 S = c / segments;
    EACH(i, n * n * batch * c) {
        u64 ch = i % c, b = (i / c) % batch, w = (i / (c * batch)) % n, h = i / (c * batch * n);
        u64 seg = ch / S, j = ch % S;
        u64 to = height ? ((w * batch + b) * segments + seg) * c + h * S + j
                        : ((h * batch + b) * segments + seg) * c + w * S + j;
        if (to_branch) t[to] = x[i];
        else if (accumulate) x[i] += t[to];
        else x[i] = t[to];
    }
}
__global__ void sum3_mean(const float *h, const float *w, const float *c, float *pm, u64 tokens, u64 n) {
    EACH(i, n) {
        float s = 0;
        for (u64 t = 0; t < tokens; t++) s += h[t * n + i] + w[t * n + i] + c[t * n + i];
        pm[i] = s * (1.0f / (float)tokens);
    }
}
__global__ void softmax3(const float *l, float *a, u64 n) {
    EACH(i, n) {
        float l0 = l[3 * i], l1 = l[3 * i + 1], l2 = l[3 * i + 2], m = fmaxf(fmaxf(l0, l1), l2);
        float e0 = fexp(l0 - m), e1 = fexp(l1 - m), e2 = fexp(l2 - m), r = 1 / (e0 + e1 + e2);
        a[i] = e0 * r; a[n + i] = e1 * r; a[2 * n + i] = e2 * r;
    }
}
__global__ void combine3(const float *h, const float *w, const float *c, const float *a, float *z, u64 tokens, u64 n) {
    EACH(i, tokens * n) { u64 q = i % n; z[i] = h[i] * a[q] + w[i] * a[n + q] + c[i] * a[2 * n + q]; }
}
__global__ void combine3_backward(const float *dz, const float *h, const float *w, const float *c, const float *a,
                                  float *da, float *dl, u64 tokens, u64 n) {
    EACH(i, n) {
        float d0 = 0, d1 = 0, d2 = 0;
        for (u64 t = 0; t < tokens; t++) {
            u64 o = t * n + i;
            d0 += dz[o] * h[o]; d1 += dz[o] * w[o]; d2 += dz[o] * c[o];
        }
        da[i] = d0; da[n + i] = d1; da[2 * n + i] = d2;
        float dot = a[i] * d0 + a[n + i] * d1 + a[2 * n + i] * d2;
        dl[3 * i] = a[i] * (d0 - dot);
        dl[3 * i + 1] = a[n + i] * (d1 - dot);
        dl[3 * i + 2] = a[2 * n + i] * (d2 - dot);
    }
}
__global__ void branch_gradient(const float *dz, const float *ak, const float *dm, float inv, float *g, u64 tokens, u64 n) {
    EACH(i, tokens * n) { u64 q = i % n; g[i] = dz[i] * ak[q] + dm[q] * inv; }
}

// MARK: - optimizers (torch.optim's update rules)
__global__ void sgd(float *w, const float *g, u64 n, float lr, float wd) { EACH(i, n) w[i] -= lr * (g[i] + wd * w[i]); }
__global__ void sgd_momentum(float *w, const float *g, float *buf, u64 n, float lr, float mu, float wd, int first,
                             int nesterov) {
    EACH(i, n) {
        float d = g[i] + wd * w[i], b = first ? d : mu * buf[i] + d;
        buf[i] = b;
        w[i] -= lr * (nesterov ? d + mu * b : b);
    }
}
__global__ void adam(float *w, const float *g, float *m, float *v, u64 n, float b1, float b2, float step_size,
                     float sqrt_bias2, float eps, float l2, float shrink) {
    EACH(i, n) {
        float d = g[i] + l2 * w[i];
        float mi = b1 * m[i] + (1 - b1) * d, vi = b2 * v[i] + (1 - b2) * d * d;
        m[i] = mi; v[i] = vi;
        w[i] = w[i] * shrink - step_size * mi / (sqrtf(vi) / sqrt_bias2 + eps);
    }
}
__global__ void rmsprop(float *w, const float *g, float *sq, u64 n, float lr, float a, float eps, float wd) {
    EACH(i, n) {
        float d = g[i] + wd * w[i], s = a * sq[i] + (1 - a) * d * d;
        sq[i] = s;
        w[i] -= lr * (d / (sqrtf(s) + eps));
    }
}
__global__ void rmsprop_momentum(float *w, const float *g, float *sq, float *buf, u64 n, float lr, float a, float eps,
                                 float mu, float wd) {
    EACH(i, n) {
        float d = g[i] + wd * w[i], s = a * sq[i] + (1 - a) * d * d, b = mu * buf[i] + d / (sqrtf(s) + eps);
        sq[i] = s; buf[i] = b;
        w[i] -= lr * b;
    }
}
__global__ void adagrad(float *w, const float *g, float *sum, u64 n, float clr, float eps, float wd) {
    EACH(i, n) {
        float d = g[i] + wd * w[i], s = sum[i] + d * d;
        sum[i] = s;
        w[i] -= clr * d / (sqrtf(s) + eps);
    }
}
}
