import Foundation

/// `:undo`: each change to the cells records how to take it back, up to
/// `undoDepth` changes; a `:load` records the whole notebook before it.
extension Notebook {
    func record(_ step: UndoStep) {
        undoLog.append(step)
        if undoLog.count > Notebook.undoDepth { undoLog.removeFirst() }
    }

    /// Takes back the last change to the cells; returns what re-ran.
    func undo() -> (String, [CellReport])? {
        guard let step = undoLog.popLast() else { return nil }
        switch step {
        case .remove(let id):
            guard let cell = cells[id] else { return ("nothing to undo", []) }
            unindex(cell)
            cells[id] = nil
            order.removeAll { $0 == id }
            let reports = run(from: Array(graph.users(of: cell.name)))
            return ("removed cell [\(id)] \(cell.source)", reports)
        case .restore(let id, let source):
            let reports = replaceSource(id, with: source)
            return ("restored cell [\(id)] to \(source)", reports)
        case .reinsert(let id, let source, let extra):
            var cell = Cell(id: id, source: source, previousName: lastName(before: id))
            cell.extra = extra
            insert(cell)
            return ("brought back cell [\(id)] \(source)", run(from: [id]))
        case .reload(let contents, let path, let wasModified, let log, let owned):
            let reports = load(contents)
            files.sessionPath = path
            isModified = wasModified
            undoLog = log
            // The files it had read or written are its own again.
            files.owned = owned
            return ("brought back the \(Notebook.cells(order.count)) from before the load", reports)
        }
    }
}
