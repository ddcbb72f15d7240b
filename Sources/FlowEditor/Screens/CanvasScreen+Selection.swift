import FlowCanvasView
import FlowKit
import Foundation
import TerminalUI

/// Selection and clipboard on the canvas screen (issue 11): the keys of
/// `CanvasKeymap.selection`, their `:` commands, and a bracketed paste of `flowcanvas/1`
/// text. The choosing and the edits themselves are `CanvasState`'s
/// (CanvasState+Selection.swift); this file adds the clipboard and the messages.
extension CanvasScreen {
    func handleSelectionKey(_ key: SelectionKey) {
        switch key {
        case .rectangle: state.toggleRectangle()
        case .toggle: state.toggleSelectionAtCursor()
        case .all: state.selectAll()
        case .copy: copySelection()
        case .cut: cutSelection()
        case .paste: pasteClipboard()
        case .duplicate: duplicateSelection()
        case .nextResult: state.cycleResults(1)
        case .previousResult: state.cycleResults(-1)
        case .selectMatches: state.selectMatches()
        }
    }

    /// The `:` commands of the selection.
    func performSelection(_ action: EditorAction) {
        message = nil
        if case .normal = state.mode {} else { state.handle(.cancel) }
        focus = .canvas
        switch action {
        case .selectAll: state.selectAll()
        case .select(let query): selectMatching(query)
        case .copy: copySelection()
        case .cut: cutSelection()
        case .paste: pasteClipboard()
        case .duplicate: duplicateSelection()
        case .tidy: guard refuseIfReadOnly() else { return }; state.tidySelection()
        case .alignLeft: guard refuseIfReadOnly() else { return }; state.alignSelection(.left)
        case .alignTop: guard refuseIfReadOnly() else { return }; state.alignSelection(.top)
        case .replace(let old, let new): previewReplace(old, new)  // CanvasScreen+Replace.swift
        default: break
        }
    }

    /// False (with the message) on a read-only version.
    func refuseIfReadOnly() -> Bool {
        guard isReadOnly else { return true }
        message = "read-only: \(documentLabel); E branches a draft from it"
        return false
    }

    /// `:select QUERY`: every match of a search, selected (e.g. `select is:unconnected`).
    func selectMatching(_ query: String) {
        refreshSearchSeverities()
        do {
            let ids = try NodeSearch(parsing: query).matches(in: document, catalog: workspace.catalog,
                                                             severities: state.findSeverities)
            guard !ids.isEmpty else { message = "select: nothing matches \"\(query)\""; return }
            state.select(ids)
            message = "selected \(ids.count) matching \"\(query)\" (m moves, x deletes, y copies, Esc clears)"
        } catch {
            message = "select: \(error.message)"
        }
    }

    /// What copy and cut take: the selected nodes, else the node under the cursor.
    private var nodesToCopy: [String] {
        if state.hasSelection { return state.selectedNodeIDs }
        return state.nodeUnderCursor.map { [$0.id] } ?? []
    }

    /// y: the selection as a `flowcanvas/1` fragment, to the editor's clipboard and the
    /// terminal's (OSC 52). Works on read-only versions too (copying out of history).
    func copySelection() {
        let ids = nodesToCopy
        guard !ids.isEmpty else { message = "copy: select nodes first (v, Space, Ctrl-A) or put the cursor on one"; return }
        let (fragment, leftOut) = FlowFragment.extract(ids, from: document)
        clipboard.copy(FlowCodec.exportJSON(fragment), leftOut: leftOut)
        message = "copied \(Self.nodes(ids.count))" + Self.leftOutNote(leftOut) + "; p pastes (also on the system clipboard)"
    }

    /// d: copy, then delete the copied nodes, as one undoable edit.
    func cutSelection() {
        guard refuseIfReadOnly() else { return }
        let ids = nodesToCopy
        guard !ids.isEmpty else { message = "cut: select nodes first (v, Space, Ctrl-A) or put the cursor on one"; return }
        let (fragment, leftOut) = FlowFragment.extract(ids, from: document)
        clipboard.copy(FlowCodec.exportJSON(fragment), leftOut: leftOut)
        state.flow.delete(nodes: Set(ids), notes: Set(state.selectedNoteIDs), name: "cut \(Self.nodes(ids.count))")
        state.clearSelection()
        message = "cut \(Self.nodes(ids.count))" + Self.leftOutNote(leftOut) + "; p pastes (u undoes the cut)"
    }

    /// p: the clipboard's fragment at the cursor.
    func pasteClipboard() {
        guard let text = clipboard.text else { message = "paste: nothing copied yet (y copies the selection)"; return }
        pasteFragment(text, leftOutAtCopy: clipboard.leftOut)
    }

    /// A bracketed paste on the canvas: `flowcanvas/1` JSON (from another flow, a file, a
    /// chat) pastes as nodes; any other text is refused with one message.
    func pasteEvent(_ text: String) {
        guard focus == .canvas, case .normal = state.mode else {
            message = "paste: flowcanvas/1 text pastes on the canvas (Esc first)"
            return
        }
        pasteFragment(text)
    }

    /// Pastes fragment text at the cursor as one edit and selects what arrived; refused
    /// types and text that is not a fragment change nothing.
    func pasteFragment(_ text: String, leftOutAtCopy: Int = 0) {
        guard refuseIfReadOnly() else { return }
        do {
            var pasted = try FlowFragment.paste(text: text, into: document, at: (state.cursor.x, state.cursor.y),
                                                catalog: workspace.catalog)
            guard !pasted.nodeIDs.isEmpty else { message = "paste: the fragment has no nodes"; return }
            let lowered = clearPlace(&pasted)
            state.flow.insertPasted(pasted.document, name: "paste \(Self.nodes(pasted.nodeIDs.count))")
            state.select(pasted.nodeIDs)
            var summary = pasted.summary
            if leftOutAtCopy > 0 {
                summary += " (\(leftOutAtCopy) connector\(leftOutAtCopy == 1 ? "" : "s") to nodes outside the copy dropped)"
            }
            if lowered > 0, let first = pasted.nodeIDs.first { state.focus(node: first) }
            message = summary + (lowered > 0 ? "; \(lowered) rows below the cursor, where they fit" : overlapNote(pasted.nodeIDs)) + " (u to undo)"
        } catch {
            message = "paste: " + error.message
        }
    }

    /// D: the selection again, below itself, as one edit; the clipboard is left alone.
    func duplicateSelection() {
        guard refuseIfReadOnly() else { return }
        let ids = nodesToCopy
        guard !ids.isEmpty else { message = "duplicate: select nodes first (v, Space, Ctrl-A) or put the cursor on one"; return }
        let (fragment, _) = FlowFragment.extract(ids, from: document)
        var bounds: GridRect?
        for n in fragment.nodes { let r = state.rect(of: n); bounds = bounds.map { $0.union(r) } ?? r }
        let at = (bounds?.x ?? state.cursor.x, (bounds?.maxY ?? state.cursor.y) + AutoLayout.rowGap)
        do {
            var pasted = try FlowFragment.paste(fragment, into: document, at: at, catalog: workspace.catalog)
            clearPlace(&pasted)
            state.flow.insertPasted(pasted.document, name: "duplicate \(Self.nodes(ids.count))")
            state.select(pasted.nodeIDs)
            if let first = pasted.nodeIDs.first { state.focus(node: first) }
            message = "duplicated \(Self.nodes(ids.count))" + overlapNote(pasted.nodeIDs) + " (u to undo)"
        } catch {
            message = "duplicate: " + error.message
        }
    }

    /// Moves what a paste appended straight down until no box of it overlaps one already
    /// there; returns the rows moved (0: it fitted). A flow too crowded below leaves it
    /// where it is, for `overlapNote` to say so.
    @discardableResult
    private func clearPlace(_ pasted: inout FlowFragment.Pasted) -> Int {
        let doc = document
        guard let dy = state.rowsToClear(pasted.document, appendedAfter: doc.nodes.count), dy > 0 else { return 0 }
        for i in doc.nodes.count..<pasted.document.nodes.count { pasted.document.nodes[i].y = (pasted.document.nodes[i].y ?? 0) + dy }
        for k in doc.notes.count..<pasted.document.notes.count { pasted.document.notes[k].y += dy }
        return dy
    }

    /// "; they overlap "Send": m moves them" when a pasted box landed on another.
    private func overlapNote(_ ids: [String]) -> String {
        let pasted = Set(ids)
        for id in ids {
            guard let n = document.node(withID: id) else { continue }
            let r = state.rect(of: n)
            let padded = GridRect(x: r.x - 1, y: r.y, width: r.width + 2, height: r.height)
            if let other = document.nodes.first(where: { !pasted.contains($0.id) && state.rect(of: $0).intersects(padded) }) {
                return "; they overlap \"\(other.label)\": m moves them"
            }
        }
        return ""
    }

    static func nodes(_ n: Int) -> String { "\(n) node\(n == 1 ? "" : "s")" }

    static func leftOutNote(_ n: Int) -> String {
        n == 0 ? "" : " (\(n) connector\(n == 1 ? "" : "s") to nodes outside left out)"
    }

    /// The editor's OSC 52 output when this screen runs on its own (tests); under a
    /// navigator the navigator hands out the shared clipboard's.
    public func takeTerminalOutput() -> String? { clipboard.takeTerminalOutput() }

    /// While MOVE of a selection: keys that are not movement say what the gesture takes.
    func refuseDuringGroupMove(_ key: KeyEvent) -> Bool {
        guard focus == .canvas, case .movingSelection = state.mode,
              CanvasKeymap.action(for: key, mode: state.mode) == .none else { return false }
        message = "moving \(state.selection.count) selected: arrows move them, Enter drops, Esc puts them back"
        return true
    }
}
