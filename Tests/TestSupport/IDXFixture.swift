import Foundation

/// Tiny IDX files written by the tests themselves, raw or gzipped, whole or broken.
public enum IDXFixture {
    public static func temporaryDirectory() -> String {
        let dir = NSTemporaryDirectory() + "mlplab-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    public static func be32(_ v: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8((v >> $0) & 0xFF) } }

    /// An images file: `count` images of rows×cols, pixel (i, j) of image n = (n + i·cols + j) % 256.
    public static func images(count: Int, rows: Int = 2, cols: Int = 3) -> [UInt8] {
        var bytes = be32(0x0803) + be32(count) + be32(rows) + be32(cols)
        for n in 0..<count { for p in 0..<(rows * cols) { bytes.append(UInt8((n + p) % 256)) } }
        return bytes
    }

    public static func labels(_ values: [UInt8]) -> [UInt8] { be32(0x0801) + be32(values.count) + values }

    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String, gzip: Bool = false) -> String {
        precondition(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "IDXFixture: cannot write \(path)")
        guard gzip else { return path }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-f", "-n", path]
        try! process.run()
        process.waitUntilExit()
        return path + ".gz"
    }

    /// A data set folder DIR/NAME with the four standard files.
    public static func writeDataset(in dir: String, name: String, train: Int = 4, test: Int = 3, gzip: Bool = true) {
        let folder = dir + "/" + name
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        write(images(count: train, rows: 28, cols: 28), to: folder + "/train-images-idx3-ubyte", gzip: gzip)
        write(labels((0..<train).map { UInt8($0 % 10) }), to: folder + "/train-labels-idx1-ubyte", gzip: gzip)
        write(images(count: test, rows: 28, cols: 28), to: folder + "/t10k-images-idx3-ubyte", gzip: gzip)
        write(labels((0..<test).map { UInt8($0 % 10) }), to: folder + "/t10k-labels-idx1-ubyte", gzip: gzip)
    }
}
