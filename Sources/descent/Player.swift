import Foundation
import Language
import LineEditor
import Plot

/// `:play r`: the run's frames on the whole terminal, stepped by keys or
/// played, then the screen as it was.
struct Player {
    let playback: Playback
    let colored: Bool

    /// Steps a second while playing, from slowest to fastest.
    static let speeds = [1.0, 2, 5, 10, 20, 30]
    static let keysLine = "space/→ next  ← back  p play/pause  +/- speed  q quit"

    func run() throws {
        let screen = try FullScreen()
        defer { screen.close() }
        var index = 0
        var playing = false
        var speed = 2
        var lastSize = (columns: 0, lines: 0)
        var needsDrawing = true
        var nextTick = Date()
        while true {
            let size = screen.size
            if size != lastSize { needsDrawing = true }
            if needsDrawing {
                lastSize = size
                draw(index, playing: playing, speed: Player.speeds[speed], on: screen)
                needsDrawing = false
            }
            // Playing, the next frame comes on time; paused, the size is still watched.
            let wait = playing ? max(0, nextTick.timeIntervalSinceNow) : 0.2
            guard let key = screen.key(waiting: wait) else {
                if playing {
                    nextTick = Date().addingTimeInterval(1 / Player.speeds[speed])
                    if index + 1 < playback.count { index += 1 } else { playing = false }
                    needsDrawing = true
                }
                continue
            }
            switch key {
            case .character("q"), .character("Q"), .escape, .interrupt:
                return
            case .space, .right, .character("n"), .character("l"):
                playing = false
                index = min(playback.count - 1, index + 1)
            case .left, .character("b"), .character("h"):
                playing = false
                index = max(0, index - 1)
            case .character("p"), .enter:
                playing.toggle()
                // Played from the end, it starts again.
                if playing && index == playback.count - 1 { index = 0 }
                nextTick = Date().addingTimeInterval(1 / Player.speeds[speed])
            case .character("+"), .character("="), .up:
                speed = min(Player.speeds.count - 1, speed + 1)
            case .character("-"), .character("_"), .down:
                speed = max(0, speed - 1)
            default:
                continue
            }
            needsDrawing = true
        }
    }

    private func draw(_ index: Int, playing: Bool, speed: Double, on screen: FullScreen) {
        let (columns, lines) = screen.size
        var below = [(playing ? "playing" : "paused") + " at \(Int(speed)) step\(speed == 1 ? "" : "s")/s   " + Player.keysLine]
        if let note = playback.thinningNote { below.insert(note, at: 0) }
        // Lines are never wider than the terminal: a wrapped line would scroll the frame.
        below = below.flatMap { Frame.wrap($0, columns - 1) }
        let figure = playback.frame(index, width: columns - 1, height: lines - below.count)
        var shown = (colored ? figure.colored : figure.plain).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        shown += below
        // A frame taller than the terminal would scroll: its top lines give way.
        if shown.count > lines { shown.removeFirst(shown.count - lines) }
        screen.draw(shown)
    }
}
