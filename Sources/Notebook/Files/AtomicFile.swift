import Foundation

/// Writes a file so that it is always either its old or its new version,
/// never a mix, even if descent is killed or the machine stops mid-write:
///
///     sessions/.tutorial.json.4242.1a2b.tmp   written in full, then fsync'd
///     sessions/tutorial.json                  the temporary file renamed over it
///     sessions/                               fsync'd, so the rename itself is kept
///
/// A rename within one folder is atomic on POSIX file systems, and the
/// fsyncs order the data before the rename on disk. Foundation's own
/// `.atomic` write does not fsync, which is why this is written here.
/// Temporary files left by a process that was killed are removed by the
/// next write to the same file.
enum AtomicFile {
    /// What the file must still be when it is replaced.
    enum Expectation {
        /// Whatever is there is replaced (a forced save, a recovery file).
        case anything
        /// The file must be the version with this stamp, or be missing when it
        /// is nil: the version a notebook checked (and maybe asked about)
        /// before it decided to write.
        case version(FileStamp?)
    }

    /// Writes `text` to `path` and returns the new file's stamp.
    ///
    /// With an `expected` version, the check that the file is still that
    /// version and the rename that replaces it are one step with respect to
    /// other descents: both happen while this process holds an exclusive
    /// lock on the folder (`flock`, which every descent takes before it
    /// replaces a file there). Of two saves at the same moment, the second
    /// then finds the first one's file and refuses, instead of both
    /// reporting "saved" with one of them lost.
    ///
    /// A missing folder is created only when `creatingFolder` is set (the
    /// sessions folder, the recovery folder): a mistyped path is an error,
    /// not a new tree of folders.
    @discardableResult
    static func write(_ text: String, to given: String, creatingFolder: Bool = false,
                      expected: Expectation = .anything) throws(NotebookError) -> FileStamp {
        // A symbolic link is written through: its target is replaced, the link stays.
        let path = linkTarget(given) ?? given
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder) {
            guard creatingFolder else {
                throw NotebookError("cannot write \(path): there is no folder \((path as NSString).deletingLastPathComponent)")
            }
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw NotebookError("cannot create the folder \(directory.path): \(error.localizedDescription)")
            }
        } else if !isFolder.boolValue {
            throw NotebookError("cannot write \(path): \((path as NSString).deletingLastPathComponent) is a file, not a folder")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw NotebookError("cannot write \(path): it is a folder")
        }
        // A file without write permission is not replaced, even by root, who could rename over it.
        if access(path, F_OK) == 0 && !isWritable(path) {
            throw NotebookError("\(given) is read-only; not replaced (save under another name, or make it writable first)")
        }
        removeLeftovers(of: url)

        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp").path
        // A replaced file keeps its permissions; a new one gets the usual 0666 less the umask.
        var existing = stat()
        let mode = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o666
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            throw NotebookError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        func fail(_ what: String) -> NotebookError {
            let reason = String(cString: strerror(errno))
            close(fd)
            unlink(temporary)
            return NotebookError("cannot write \(path): \(what)\(reason)")
        }
        if existing.st_mode != 0 { fchmod(fd, mode) }
        CrashPoint.reach(.temporaryOpened)
        let bytes = Array(text.utf8)
        var written = 0
        var halfReached = false
        while written < bytes.count {
            if !halfReached && written >= bytes.count / 2 && bytes.count > 1 {
                halfReached = true
                CrashPoint.reach(.temporaryHalfWritten)
            }
            // The first half is written on its own, so that its end is a moment between two writes.
            let end = halfReached ? bytes.count : max(bytes.count / 2, 1)
            let count = bytes[written..<end].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw fail("")
            }
            written += count
        }
        guard fsync(fd) == 0 else { throw fail("") }
        CrashPoint.reach(.temporaryWritten)
        // The stamp is taken from the open file: a rename keeps the inode and
        // the time, so it is the stamp of the file once renamed, whoever
        // writes the path a moment later.
        var info = stat()
        fstat(fd, &info)
        close(fd)
        // The folder's lock is held from the last look at the file to the rename.
        let lock = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if lock >= 0 { close(lock) } }
        if lock >= 0 {
            while flock(lock, LOCK_EX) != 0 && errno == EINTR {}
        }
        if case .version(let stamp) = expected, FileStamp.of(path) != stamp {
            unlink(temporary)
            throw NotebookError(stamp == nil
                ? "\(given) was written by another program a moment ago"
                : "\(given) changed on disk a moment ago (another program saved it)")
        }
        CrashPoint.reach(.locked)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw NotebookError("cannot write \(path): \(reason)")
        }
        CrashPoint.reach(.renamed)
        let folder = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
        return FileStamp(info)
    }

    /// Where a symbolic link at `path` leads, as a full path; nil when it is
    /// no link. A link to a file that does not exist yet leads to that file,
    /// so that a save through it creates its target and the link stays.
    static func linkTarget(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return nil }
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        // A dangling link: follow it by hand, a few levels at most.
        var current = path
        for _ in 0..<16 {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return current }
            current = target.hasPrefix("/") ? target
                : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
            var next = stat()
            if lstat(current, &next) != 0 || next.st_mode & S_IFMT != S_IFLNK { return current }
        }
        return nil
    }

    /// Whether the file's permission bits let someone write it: its owner,
    /// its group or anyone. Root passes `access(W_OK)` whatever the bits say,
    /// so the bits are read instead.
    static func isWritable(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return true }
        if getuid() == 0 { return info.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH) != 0 }
        return access(path, W_OK) == 0
    }

    /// Removes the temporary files of `url` that processes which are gone left behind.
    private static func removeLeftovers(of url: URL) {
        let prefix = ".\(url.lastPathComponent)."
        let directory = url.deletingLastPathComponent().path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let middle = name.dropFirst(prefix.count).dropLast(".tmp".count)
            guard let pid = middle.split(separator: ".").first.flatMap({ Int32($0) }),
                  pid != getpid(), !Recovery.isRunning(pid) else { continue }
            unlink(directory + "/" + name)
        }
    }
}

/// The moments inside `AtomicFile.write` where a crash matters most, for
/// tests that end descent there on purpose instead of killing it at random
/// moments and hoping to hit one:
///
///     DESCENT_CRASH_AT=temporary-written@2 descent script.txt
///
/// kills the process with SIGKILL the second time any write has its
/// temporary file written in full but not yet renamed. Unset (as it always
/// is outside the tests), each point costs one look at a constant.
enum CrashPoint: String {
    /// The temporary file exists and is empty.
    case temporaryOpened = "temporary-opened"
    /// The temporary file holds the first half of the text.
    case temporaryHalfWritten = "temporary-half-written"
    /// The temporary file holds the whole text, synced; the rename has not happened.
    case temporaryWritten = "temporary-written"
    /// The folder's lock is held and the file checked; the rename has not happened.
    case locked = "locked"
    /// The new file is in place; the folder is not yet synced.
    case renamed

    /// The point and the how-many-th time it is reached, from the environment.
    private static let planned: (point: CrashPoint, time: Int)? = {
        guard let value = ProcessInfo.processInfo.environment["DESCENT_CRASH_AT"] else { return nil }
        let parts = value.split(separator: "@", maxSplits: 1)
        guard let point = parts.first.flatMap({ CrashPoint(rawValue: String($0)) }) else { return nil }
        return (point, parts.count == 2 ? Int(parts[1]) ?? 1 : 1)
    }()
    nonisolated(unsafe) private static var reached = 0

    static func reach(_ point: CrashPoint) {
        guard let planned, planned.point == point else { return }
        reached += 1
        if reached == planned.time { kill(getpid(), SIGKILL) }
    }
}

/// One version of a file on disk: which file (device and inode), its size
/// and when it last changed. A save by any program that renames a new file
/// into place changes the inode; an editor that writes in place changes the
/// time or the size. So a file whose stamp is the one this notebook last
/// read or wrote is still this notebook's.
struct FileStamp: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var seconds: Int
    var nanoseconds: Int

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        seconds = info.st_mtim.tv_sec
        nanoseconds = info.st_mtim.tv_nsec
    }

    /// The stamp of the file at `path` now, or nil when there is none.
    static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(info)
    }
}

/// The one spelling of a path, for telling whether two paths are one file:
/// `sessions/../sessions/a.json`, `./sessions/a.json` and a symbolic link
/// to the folder all name the same file.
func canonicalPath(_ path: String) -> String {
    if let target = AtomicFile.linkTarget((path as NSString).expandingTildeInPath) { return target }
    let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath).standardizedFileURL
    let folder = url.deletingLastPathComponent().path
    guard let resolved = realpath(folder, nil) else { return url.path }
    defer { free(resolved) }
    return String(cString: resolved) + "/" + url.lastPathComponent
}
