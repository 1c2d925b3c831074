import Foundation
import Synchronization
import Workspace

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether a file descriptor is a terminal.
enum Terminal {
    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }
}

/// A progress bar on standard error for scans that take longer than a second.
///
/// It runs on a thread of its own, since the scan keeps every core of the task pool busy, draws
/// nothing during the first second (most scans are over by then), then redraws one line ten times
/// a second; `finish()` erases it.
final class ProgressDisplay: Sendable {
    private let progress: ScanJob.Progress
    private let stopped = Atomic<Bool>(false)
    private let drew = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)

    init(progress: ScanJob.Progress) {
        self.progress = progress
        let thread = Thread { [self] in
            run()
            done.signal()
        }
        thread.start()
    }

    private func run() {
        var waited = 0
        while !stopped.load(ordering: .relaxed) {
            usleep(50_000)
            waited += 50
            guard waited >= 1000, waited % 100 == 0 else { continue }
            draw()
        }
    }

    private func draw() {
        let total = progress.total
        guard total > 0 else { return }
        let done = min(progress.done, total)
        let width = 30
        let filled = done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        write("\r[\(bar)] \(done * 100 / total)% of \(progress.files) files")
        drew.store(true, ordering: .relaxed)
    }

    /// Stops drawing and clears the line if anything was drawn.
    func finish() {
        stopped.store(true, ordering: .relaxed)
        done.wait()
        if drew.load(ordering: .relaxed) { write("\r\u{1B}[2K") }
    }

    private func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            _ = Glibc.write(STDERR_FILENO, base, raw.count)
        }
    }
}
