import Foundation
import Glibc

/// Runs a program to its end or to a deadline, whichever comes first (on
/// Linux, where the tests run: it uses glibc's spawn extensions).
///
/// The tests start many short programs (descent itself, tmux, pkill) from
/// several threads at once. Each child gets exactly the three descriptors it
/// is given and no other, so that no long-lived process (a tmux server, say)
/// can inherit one end of another test's pipe and hold it open; and every wait
/// is bounded, so that a program that never ends fails its test instead of
/// stalling the whole run. The child leads its own process group, which is
/// killed whole when the deadline passes.
package enum Subprocess {
    package struct Output {
        package var status: Int32
        package var stdout: Data
        package var stderr: Data
        package var timedOut: Bool
    }

    package enum Failure: Error, CustomStringConvertible {
        case spawn(String, Int32)
        package var description: String {
            switch self {
            case let .spawn(path, code): "could not start \(path): \(String(cString: strerror(code)))"
            }
        }
    }

    /// - Parameters:
    ///   - input: written to the child's standard input, which is then closed;
    ///     `nil` gives it `/dev/null`.
    ///   - capture: when false, the child's output goes to `/dev/null`.
    package static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                    directory: String? = nil, input: Data? = nil, capture: Bool = true,
                    timeout: TimeInterval = 60) throws -> Output {
        // A child that ends without reading all its input must not take the tests down with SIGPIPE.
        _ = ignoreBrokenPipes
        var stdinPipe: [Int32] = [-1, -1], stdoutPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1]
        do {
            if input != nil { try makePipe(&stdinPipe) }
            if capture { try makePipe(&stdoutPipe); try makePipe(&stderrPipe) }
        } catch {
            for fd in stdinPipe + stdoutPipe + stderrPipe where fd >= 0 { close(fd) }
            throw error
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if input != nil {
            posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        if capture {
            posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
            posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        if let directory { _ = GNU.addChdir(&actions, directory) }
        _ = GNU.addClosefrom(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), defaults = sigset_t()
        sigemptyset(&noSignals)
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGPIPE, SIGHUP, SIGTERM, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let environment = environment ?? ProcessInfo.processInfo.environment
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }

        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        // The child has its copies; the parent keeps only its own ends.
        for fd in [stdinPipe[0], stdoutPipe[1], stderrPipe[1]] where fd >= 0 { close(fd) }
        guard code == 0 else {
            for fd in [stdinPipe[1], stdoutPipe[0], stderrPipe[0]] where fd >= 0 { close(fd) }
            throw Failure.spawn(executable, code)
        }

        let deadline = Date().addingTimeInterval(timeout)
        var pending = input ?? Data()
        var writer = stdinPipe[1], outReader = stdoutPipe[0], errReader = stderrPipe[0]
        // Non-blocking ends: a write or read never waits past what poll promised.
        for fd in [writer, outReader, errReader] where fd >= 0 { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        var out = Data(), err = Data()
        var timedOut = false
        if writer >= 0 && pending.isEmpty { close(writer); writer = -1 }

        // Feed standard input and drain both outputs until the outputs end.
        while outReader >= 0 || errReader >= 0 || writer >= 0 {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { timedOut = true; break }
            var fds: [pollfd] = []
            if writer >= 0 { fds.append(pollfd(fd: writer, events: Int16(POLLOUT), revents: 0)) }
            if outReader >= 0 { fds.append(pollfd(fd: outReader, events: Int16(POLLIN), revents: 0)) }
            if errReader >= 0 { fds.append(pollfd(fd: errReader, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(left, 0.25) * 1000) + 1)
            if ready < 0 && errno != EINTR { break }
            for entry in fds where entry.revents != 0 {
                if entry.fd == writer {
                    let written = pending.withUnsafeBytes { write(writer, $0.baseAddress, min($0.count, 65536)) }
                    if written > 0 { pending.removeFirst(written) }
                    let retry = written < 0 && (errno == EINTR || errno == EAGAIN)
                    // Done, or the child closed its input (EPIPE): no more to write.
                    if pending.isEmpty || (written < 0 && !retry) { close(writer); writer = -1 }
                } else {
                    var buffer = [UInt8](repeating: 0, count: 65536)
                    let count = read(entry.fd, &buffer, buffer.count)
                    if count > 0 {
                        if entry.fd == outReader { out.append(contentsOf: buffer[0..<count]) } else { err.append(contentsOf: buffer[0..<count]) }
                    } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                        close(entry.fd)
                        if entry.fd == outReader { outReader = -1 } else { errReader = -1 }
                    }
                }
            }
        }
        for fd in [writer, outReader, errReader] where fd >= 0 { close(fd) }

        // Wait for the exit itself, still within the deadline.
        // The group and the child itself, in case it left the group.
        func killAll() { kill(-pid, SIGKILL); kill(pid, SIGKILL) }
        var status: Int32 = 0
        var reaped = false
        if timedOut { killAll() }
        let giveUp = max(deadline, Date()).addingTimeInterval(5)
        while Date() < giveUp {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { reaped = true; break }
            if result < 0 && errno != EINTR { break }   // not our child to wait for (ECHILD)
            if !timedOut && Date() >= deadline {
                timedOut = true
                killAll()
            }
            usleep(2000)
        }
        // -1 when the exit could not be seen: a status no program gives.
        let exitStatus: Int32 = !reaped ? -1 : (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Output(status: exitStatus, stdout: out, stderr: err, timedOut: timedOut)
    }

    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    private static func makePipe(_ ends: inout [Int32]) throws {
        var fds: [Int32] = [-1, -1]
        guard GNU.pipe2(&fds, O_CLOEXEC) == 0 else { throw Failure.spawn("pipe", errno) }
        ends = fds
    }
}

extension Subprocess {
    /// Waits until a process that is not our child ends (or is a zombie for
    /// another to collect), as an event: a pidfd becomes readable then.
    /// `limit` only matters if it never ends. Returns whether it ended.
    package static func waitForEnd(of pid: pid_t, limit: TimeInterval) -> Bool {
        let pidfd = GNU.pidfdOpen(pid, 0)
        guard pidfd >= 0 else { return errno == ESRCH }   // no such process: it has ended
        defer { close(pidfd) }
        var watch = pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0)
        return poll(&watch, 1, Int32(limit * 1000)) == 1
    }
}

/// glibc's extensions that Swift's Glibc module leaves out (they need
/// _GNU_SOURCE), looked up once by name. All are in glibc since 2.36.
private enum GNU {
    typealias FileActions = UnsafeMutablePointer<posix_spawn_file_actions_t>
    static let addClosefrom = function("posix_spawn_file_actions_addclosefrom_np",
                                       as: (@convention(c) (FileActions, Int32) -> Int32).self)
    static let addChdir = function("posix_spawn_file_actions_addchdir_np",
                                   as: (@convention(c) (FileActions, UnsafePointer<CChar>) -> Int32).self)
    static let pipe2 = function("pipe2", as: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32).self)
    static let pidfdOpen = function("pidfd_open", as: (@convention(c) (pid_t, UInt32) -> Int32).self)

    private static func function<F>(_ name: String, as type: F.Type) -> F {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
            fatalError("this C library has no \(name)")
        }
        return unsafeBitCast(symbol, to: type)
    }
}
