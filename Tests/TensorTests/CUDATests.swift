import Foundation
import Tensor
import Testing

/// The GPU backend's parts that need no GPU: the library search, the reason given without one,
/// the kernels' source compiled by NVRTC, and the seam check's harness on the CPU backends.
struct CUDATests {
    /// Every kernel CUDABackend launches is an entry of the PTX NVRTC makes of kernels.cu, for
    /// the oldest and newest architectures the lab targets. NVRTC comes from PyPI
    /// (`pip install nvidia-cuda-nvrtc`, which .ci/run does); without it this test is skipped.
    @Test(.enabled(if: CUDA.compilerUnavailable == nil, "NVRTC not found, kernels not compiled: \(CUDA.compilerUnavailable ?? "")"))
    func kernelSource_compilesToPTX_withEveryLaunchedKernel() throws {
        for architecture in ["compute_80", "compute_90"] {
            let ptx = try CUDA.ptx(architecture: architecture)
            let entries = Set(ptx.split(separator: "\n").compactMap { line -> String? in
                guard let range = line.range(of: ".entry ") else { return nil }
                return String(line[range.upperBound...].prefix { $0 != "(" && $0 != " " })
            })
            #expect(CUDA.kernelNames.allSatisfy(entries.contains), "\(architecture): missing \(Set(CUDA.kernelNames).subtracting(entries))")
            #expect(entries.count == CUDA.kernelNames.count, "kernels.cu has kernels no operation launches: \(entries.subtracting(CUDA.kernelNames))")
        }
    }

    /// A source with an error fails with NVRTC's log naming the line, not a crash.
    @Test(.enabled(if: CUDA.compilerUnavailable == nil, "NVRTC not found"))
    func brokenSource_failsWithTheCompilersLog() {
        #expect {
            try CUDA.ptx("extern \"C\" __global__ void k(float *x) { x[0] = undefined_name; }", architecture: "compute_90")
        } throws: { error in
            "\(error)".contains("undefined_name")
        }
    }

    /// Without a driver the status names the library; asking for a GPU gives that reason.
    @Test(.enabled(if: CUDA.gpus.isEmpty, "this machine has a GPU"))
    func withoutAGPU_theReasonNamesWhatIsMissing() {
        guard case .unavailable(let reason) = CUDA.status else { Issue.record("no GPU but status available"); return }
        #expect(!reason.isEmpty)
        #expect(CUDA.unavailability(index: 0) == "no CUDA device (\(reason))")
        #expect(throws: EngineError.self) { try Engine.backend(named: "cuda") }
        #expect(!Engine.available.contains { $0.device == .cuda })
    }

    /// The harness gpu-check prints from: each CPU instruction set against the reference, every
    /// operation within 1e-4 relative (the bar the GPU must meet too).
    @Test func seamCheck_everyCPUEngineMatchesTheReference() {
        for backend in Engine.available.dropFirst() where backend.device == .cpu {
            let rows = SeamCheck.compare(backend, with: CPUBackend.reference())
            #expect(rows.count == SeamCheck.operations.count)
            for row in rows { #expect(row.relativeError < 1e-4, "\(backend.name) \(row.operation): \(row.relativeError)") }
        }
    }
}
