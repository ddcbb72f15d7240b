@testable import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// The version history (H): the list, opening versions read-only, editing a version.
@Suite struct HistoryBrowserTests {
    typealias F = LifecycleFixtures

    @Test func listGolden() {
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        let entries = [
            HistoryEntry(version: nil, status: .draft, basedOn: 1, comment: "", author: "ana", createdAt: t0.addingTimeInterval(7200), revision: 9),
            HistoryEntry(version: 3, status: .live, basedOn: 2, comment: "reply instead of log", author: "ana", createdAt: t0.addingTimeInterval(3600)),
            HistoryEntry(version: 2, status: .previous, basedOn: 1, comment: "retry the API once", author: "bo", createdAt: t0.addingTimeInterval(60)),
            HistoryEntry(version: 1, status: .previous, basedOn: nil, comment: "first", author: "ana", createdAt: t0),
        ]
        var browser = HistoryBrowser(flowName: "Orders", entries: entries, timeZone: TimeZone(identifier: "UTC")!)
        _ = browser.handle(.key(.down))
        _ = browser.handle(.char("d"))
        _ = browser.handle(.key(.down))
        var buf = CellBuffer(width: 100, height: 14)
        browser.render(into: &buf, in: buf.bounds)
        assertScreenGolden(buf, "history-list")
        #expect(buf.text().contains("v3      live     v2       ana         2026-09-21 15:13  reply instead of log"))
        #expect(buf.text().contains("working draft, revision 9"))
        // The live row stands out; the selected row is drawn selected.
        let liveRow = try! #require(buf.text().split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("reply instead") })
        #expect(buf[3, liveRow].style == Theme.standard.added)
        let selectedRow = try! #require(buf.text().split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("retry the API") })
        #expect(buf[3, selectedRow].style == Theme.standard.selected)

        // The second d picks the other side: older → newer whatever the order of picking.
        #expect(browser.handle(.char("d")) == .diff(from: .version(2), to: .version(3)))
    }

    @Test func diffPicksOlderToNewerAndEscCancelsAMark() {
        let now = Date()
        let entries = [HistoryEntry(version: nil, status: .draft, basedOn: 2, comment: "", author: "a", createdAt: now, revision: 4),
                       HistoryEntry(version: 2, status: .live, basedOn: 1, comment: "", author: "a", createdAt: now),
                       HistoryEntry(version: 1, status: .previous, basedOn: nil, comment: "", author: "a", createdAt: now)]
        var b = HistoryBrowser(flowName: "F", entries: entries)
        #expect(b.handle(.char("d")) == .pending && b.diffMark == 0)
        #expect(b.handle(.char("d")) == .pending, "the same entry twice is no diff")
        _ = b.handle(.key(.end))
        #expect(b.handle(.char("d")) == .diff(from: .version(1), to: .draft))
        _ = b.handle(.char("d"))
        #expect(b.handle(.key(.escape)) == .pending && b.diffMark == nil, "Esc drops the mark first")
        #expect(b.handle(.key(.escape)) == .closed)
        _ = b.handle(.key(.up))
        #expect(b.handle(.char("d")) == .pending)
        _ = b.handle(.key(.home))
        #expect(b.handle(.char("d")) == .diff(from: .version(2), to: .draft))
        #expect(b.handle(.char("e")) == .open(.draft), "e on the draft opens it")
        _ = b.handle(.key(.down))
        #expect(b.handle(.char("e")) == .edit(2))
        #expect(b.handle(.char("o")) == .open(.version(2)))
    }

    @Test func helpFromTheListOpensAtItsKeysOverItAndComesBackToIt() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try F.twoVersions(tw)
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.send(.char("H"), .key(.down))
        s.send(.char("?"))
        #expect(s.modalName == "help")
        let frame = frameText(s, 120, 30)
        #expect(frame.contains(EditorKeymaps.history.title) && frame.contains("step through the history"))
        s.send(.key(.escape))
        let browser = try #require(s.historyBrowser, "closing the help comes back to the list")
        #expect(browser.selection == 1, "where it was")
        s.send(.key(.escape))
        #expect(s.modalName == nil)
    }

    @Test func openAVersionReadOnlyThenTheDraftAgain() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try F.twoVersions(tw)
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.send(.char("H"))
        let browser = try #require(s.historyBrowser)
        #expect(browser.entries.map(\.version) == [2, 1])
        #expect(browser.entries.map(\.status) == [.live, .previous])
        #expect(browser.entries.map(\.comment) == ["reply instead of log", "first"])
        #expect(browser.entries.map(\.basedOn) == [1, nil])
        let frame = frameText(s, 120, 30)
        #expect(frame.contains("History · Diffed") && frame.contains("reply instead of log") && frame.contains("tester"))

        s.send(.key(.down), .key(.enter))
        #expect(s.modalName == nil && s.isReadOnly)
        #expect(s.source == .version(1, isLive: false))
        #expect(s.document.nodes.map(\.id) == F.diffV1.nodes.map(\.id))
        #expect(frameText(s, 120, 30).contains("v1 · previous · read-only"))
        s.send(.char("x"))
        #expect(s.document.nodes.count == F.diffV1.nodes.count, "a version cannot be edited")

        // The live version opens marked live.
        s.send(.char("H"))
        #expect(s.historyBrowser?.selectedEntry?.version == 1, "the entry shown is selected")
        s.send(.key(.up), .char("o"))
        #expect(s.source == .version(2, isLive: true) && frameText(s, 120, 30).contains("v2 · Live · read-only"))
    }

    @Test func editV1WhileV2IsLiveBranchesADraftBasedOnV1() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try F.twoVersions(tw)
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.send(.char("H"), .key(.down), .char("e"))
        #expect(s.modalName == nil && !s.isReadOnly)
        #expect(s.source == .draft(basedOn: 1))
        #expect(s.document.nodes.map(\.id) == F.diffV1.nodes.map(\.id))
        let history = try tw.workspace.history(id)
        #expect(history.first?.status == .draft && history.first?.basedOn == 1)
        #expect(try tw.workspace.flow(id).liveVersion == 2, "v2 stays live")

        // An unsaved edit: H saves it first, then e on v2 asks before discarding the draft.
        s.state.focus(node: "old")
        s.send(.char("x"))
        #expect(s.hasUnsavedChanges)
        s.send(.char("H"))
        #expect(!s.hasUnsavedChanges && s.historyBrowser?.entries.first?.status == .draft)
        #expect(try tw.workspace.document(id, .draft).document.node(withID: "old") == nil)
        let draftRevision = try tw.workspace.document(id, .draft).draftRevision
        s.send(.key(.down), .char("e"))
        #expect(s.modalName == "discard-draft")
        #expect(frameText(s, 120, 30).contains("already has a working draft (revision \(draftRevision))"))
        s.send(.key(.escape))
        #expect(s.modalName == "history", "Cancel goes back to the list")
        #expect(try tw.workspace.document(id, .draft).draftRevision == draftRevision)

        s.send(.char("e"), .char("o"))  // "Open the draft"
        #expect(s.modalName == nil && s.source == .draft(basedOn: 1) && s.document.node(withID: "old") == nil)

        s.send(.char("H"), .key(.down), .char("e"), .char("d"))  // "Discard and edit"
        #expect(s.source == .draft(basedOn: 2))
        #expect(s.document.nodes.map(\.id) == F.diffV2.nodes.map(\.id))
        #expect(try tw.workspace.history(id).first?.basedOn == 2)
    }

    @Test func branchDraftEntryPointSavesFirstThenAsks() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try F.twoVersions(tw)
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.state.focus(node: "reply")
        s.send(.char("x"))
        s.branchDraft(fromVersion: 1)
        #expect(try tw.workspace.document(id, .draft).document.node(withID: "reply") == nil, "the edit was saved first")
        #expect(s.modalName == "discard-draft")
        s.send(.char("d"))
        #expect(s.source == .draft(basedOn: 1) && s.document.node(withID: "old") != nil)
    }

    @Test func eOnAVersionOpenedFromTheCommandLineEditsIt() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try F.twoVersions(tw)
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id, version: 1)
        #expect(s.isReadOnly)
        s.send(.char("E"))
        #expect(!s.isReadOnly && s.source == .draft(basedOn: 1))
        s.send(.char("E"))
        #expect(s.message == "this is the working draft: edit away (H lists the versions)")
        // L works from the new draft: v3, based on v1. The draft differs from the live v2,
        // so L opens the review first; L there goes on to the wizard.
        s.send(.char("L"))
        #expect(s.reviewProgress?.reviewed == 0)
        s.send(.char("L"), .key(.enter), .key(.enter), .key(.enter))
        #expect(s.source == .version(3, isLive: true))
        let history = try tw.workspace.history(id)
        #expect(history.map(\.version) == [3, 2, 1] && history[0].basedOn == 1)
    }
}
