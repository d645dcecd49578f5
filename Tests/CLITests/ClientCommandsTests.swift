import Foundation
import Testing
import TestSupport

/// `mlplab serve` in a scratch folder, driven by `mlplab submit/ls/show/watch` over HTTP.
@Suite(.serialized) struct ClientCommandsTests {
    let cli = CLITests()

    /// A free loopback port: bind to port 0, read it, let it go.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Which of `names` appear in the paths process `pid` has mapped (/proc/PID/maps), in order.
    static func mapped(_ pid: Int32, _ names: [String]) -> [String] {
        let maps = (try? String(contentsOfFile: "/proc/\(pid)/maps", encoding: .utf8)) ?? ""
        return names.filter { maps.contains($0) }
    }

    @Test func serveThenSubmitWatchListShow_endToEnd() throws {
        cli.writeTinyMNIST()
        let port = Self.freePort(), server = "http://127.0.0.1:\(port)"
        let serve = Process()
        serve.executableURL = CLITests.binary
        serve.arguments = ["serve", "--port", "\(port)", "--workers", "1", "--data", "data", "--database", "runs.sqlite3"]
        serve.currentDirectoryURL = cli.work
        serve.standardOutput = FileHandle.nullDevice
        serve.standardError = FileHandle.nullDevice
        try serve.run()
        defer { if serve.isRunning { serve.terminate() } }
        let deadline = Date().addingTimeInterval(10)
        while (try? TestHTTPClient.request(port: port, "GET", "/api/health"))?.status != 200 && Date() < deadline { usleep(20_000) }
        // At rest the product libraries and libcurl are not mapped: they load on first use.
        let lazy = ["libdnnl.so", "libopenblas", "libcurl.so"]
        #expect(Self.mapped(serve.processIdentifier, lazy).isEmpty, "\(Self.mapped(serve.processIdentifier, lazy))")

        let spec = cli.write(#"{"name": "cli-run", "epochs": 2, "batch_size": 16, "model": {"hidden": [8]}}"#, "spec.json")
        let submitted = try cli.run(["submit", spec, "--server", server, "--watch"])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        #expect(submitted.stdout.contains("run 1 queued: cli-run"))
        #expect(submitted.stdout.contains("run 1: finished"))
        #expect(submitted.stdout.split(separator: "\n").filter { $0.hasPrefix("    1") || $0.hasPrefix("    2") }.count == 2)

        #expect(Self.mapped(serve.processIdentifier, lazy) == ["libdnnl.so", "libopenblas"])   // loaded by training

        let list = try cli.run(["ls", "--server", server])
        #expect(list.status == 0 && list.stdout.contains("finished") && list.stdout.contains("cli-run"))
        let show = try cli.run(["show", "1", "--server", server])
        #expect(show.status == 0 && show.stdout.contains("epoch 2/2"))
        let watch = try cli.run(["watch", "1", "--server", server])
        #expect(watch.status == 0 && watch.stdout.contains("run 1: finished"))

        // predict: a PNG file in, the ten probabilities and the top class out.
        let png = try TestHTTPClient.request(port: port, "GET", "/api/datasets/mnist/test/3.png").body
        let pngPath = cli.work.appendingPathComponent("three.png").path
        #expect(FileManager.default.createFile(atPath: pngPath, contents: Data(png)))
        let predicted = try cli.run(["predict", "1", pngPath, "--server", server])
        #expect(predicted.status == 0, "\(predicted.stderr)")
        let lines = predicted.stdout.split(separator: "\n")
        #expect(lines.filter { $0.contains("%") && !$0.hasPrefix("top") }.count == 10)
        #expect(lines.last?.hasPrefix("top class: ") == true && lines.filter { $0.hasSuffix("<- top") }.count == 1)
        let notPNG = try cli.run(["predict", "1", spec, "--server", server])
        #expect(notPNG.status != 0 && notPNG.stderr.contains("not a PNG"), "\(notPNG.stderr)")

        let bad = try cli.run(["submit", cli.write(#"{"optimizer": {"lr": 0}}"#, "bad.json"), "--server", server])
        #expect(bad.status != 0 && bad.stderr.split(separator: "\n").count == 1 && bad.stderr.contains("optimizer.lr"))
        let missing = try cli.run(["show", "42", "--server", server])
        #expect(missing.status != 0 && missing.stderr.contains("HTTP 404"))

        serve.interrupt()                                   // SIGINT: a clean stop
        serve.waitUntilExit()
        #expect(serve.terminationStatus == 0)
        let offline = try cli.run(["ls", "--server", server])
        #expect(offline.status != 0 && offline.stderr.contains("cannot reach"))
    }
}
