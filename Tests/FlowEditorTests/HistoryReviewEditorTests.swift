@testable import FlowCanvasView
import FlowKit
import Foundation
import Testing
import TestSupport
import TerminalUI
@testable import FlowEditor

/// Issue 17 in the editor: blame tags (b), stepping through the history (s, p / n), and
/// the review of the working draft before Make Live (R).
@Suite struct HistoryReviewEditorTests {
    typealias F = LifecycleFixtures

    /// v1 and v2 of the diff fixtures, then v3 where only `done` moves; no draft.
    static func threeVersions(_ tw: TempWorkspace) throws -> String {
        let id = try F.twoVersions(tw)
        var v3 = F.diffV2
        v3.nodes[try #require(v3.nodeIndex(withID: "done"))].x = 60
        try tw.workspace.saveDraft(id, document: v3)
        try tw.workspace.makeLive(id, MakeLiveRequest(comment: "tidy layout"))
        return id
    }

    /// A screen whose blame ages read "2d" (the versions were made moments ago).
    static func screen(_ tw: TempWorkspace, _ id: String) throws -> CanvasScreen {
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        let now = Date().addingTimeInterval(2 * 86_400 + 3_600)
        s.reviewClock = { now }
        return s
    }

    // MARK: - Blame

    @Test func blameTagsEveryBoxAndEnterOpensTheChangeThatMadeIt() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try Self.threeVersions(tw)
        let s = try Self.screen(tw, id)
        s.state.cursor = GridPoint(40, 2)   // on the lookup box (33,1)
        s.send(.char("b"))
        let marks = try #require(s.blameMarks)
        #expect(marks.tags == ["start": "v1 · tester · 2d", "lookup": "v2 · tester · 2d", "reply": "v2 · tester · 2d",
                               "done": "v3 · tester · 2d"])
        let buf = renderFrame(s, 130, 36)
        assertScreenGolden(buf, "blame-overlay")
        let frame = buf.text()
        #expect(frame.contains(" v2 · tester · 2d "), "on the lookup box's bottom border")
        // The status line: the comment of the change that last touched the node under the cursor.
        #expect(frame.contains("v2 · tester · 2d: \"reply instead of log\" (changed config.url, label)"))

        // Compact zoom: the tighter tag under each node's line.
        s.send(.char("-"))
        #expect(frameText(s, 130, 36).contains("v3 2d tester"))
        s.send(.char("+"))

        // Enter on the node: v2's own change, the lookup's row selected and highlighted.
        s.send(.key(.enter))
        #expect(s.isShowingDiff && s.steppingEntry?.version == 2)
        let selected = try #require(s.diffSelection)
        #expect(s.diffChanges[selected].node == "lookup" && s.diffChanges[selected].kind == .changedNode)
        #expect(s.state.highlighted == "lookup")
        #expect(s.message?.contains("\"reply instead of log\"") == true)
        // Esc goes back to the canvas, the tags still on; b hides them.
        s.send(.key(.escape), .key(.escape))
        #expect(!s.isShowingDiff && s.blameMarks != nil)
        s.send(.char("b"))
        #expect(s.blameMarks == nil && !frameText(s, 130, 36).contains("v2 · tester"))
    }

    @Test func blameOfTheDraftNamesTheDraftAndHidesWhenAnotherDocumentIsShown() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try Self.threeVersions(tw)
        var draft = try tw.workspace.version(id, 3).document
        draft.nodes[try #require(draft.nodeIndex(withID: "reply"))].label = "Answer"
        try tw.workspace.saveDraft(id, document: draft)
        let s = try Self.screen(tw, id)
        s.send(.char("b"))
        #expect(s.blameMarks?.tags["reply"] == "draft · tester · 2d")
        #expect(s.blameMarks?.tags["start"] == "v1 · tester · 2d")
        s.openDocument(.version(1))
        #expect(s.blameMarks == nil, "blame describes the draft, not v1")
    }

    // MARK: - Stepping

    @Test func stepsThroughTheVersionsWithAHeaderAndTheDraftLast() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try Self.threeVersions(tw)
        let s = try Self.screen(tw, id)
        s.state.cursor = GridPoint(20, 20)   // on done (17,19)
        _ = frameText(s, 130, 36)
        s.send(.char("H"), .key(.end), .char("s"))   // v1, the oldest entry
        #expect(s.steppingEntry?.version == 1 && s.modalName == nil)
        #expect(s.stepHeaderText == "v1 · tester · 2d ago · \"first\" · +4 -0 ~0 nodes · +5 -0 connectors · step 1 of 3")
        var frame = frameText(s, 130, 36)
        #expect(frame.contains("v1 · tester · 2d ago · \"first\"") && frame.contains("+4 -0 ~0 nodes · +5 -0 connectors · step 1 of 3"))
        #expect(s.diffMarks?.added.count == 4)

        s.send(.char("n"))
        #expect(s.steppingEntry?.version == 2)
        let buf = renderFrame(s, 130, 36)
        assertScreenGolden(buf, "history-step-header")
        frame = buf.text()
        #expect(frame.contains("v2 · tester · 2d ago · \"reply instead of log\""))
        #expect(frame.contains("+1 -1 ~1 nodes · +3 -2 connectors · step 2 of 3"))
        #expect(s.diffMarks?.added == ["reply"] && s.diffMarks?.changed["lookup"] != nil)

        // v3 moved `done`: the viewport follows it, so it stays where it was on the screen.
        let origin = s.state.viewportOrigin, cursor = s.state.cursor
        s.send(.char("n"))
        #expect(s.steppingEntry?.version == 3)
        #expect(s.state.viewportOrigin == GridPoint(origin.x + 43, origin.y))
        #expect(s.state.cursor == GridPoint(cursor.x + 43, cursor.y) && s.state.nodeUnderCursor?.id == "done")
        #expect(s.stepHeaderText == "v3 · tester · 2d ago · \"tidy layout\" · +0 -0 ~1 nodes (1 moved) · step 3 of 3")
        s.send(.char("n"))
        #expect(s.steppingEntry?.version == 3 && s.message == "this is the newest version")

        // Back to v2, then Esc: the history list again.
        s.send(.char("p"))
        #expect(s.steppingEntry?.version == 2)
        s.send(.key(.escape))
        #expect(!s.isShowingDiff && s.modalName == "history")

        // With a working draft, the draft is the last step.
        s.send(.key(.escape))
        var draft = try tw.workspace.version(id, 3).document
        draft.notes = [FlowNote(id: "n1", text: "check the API", x: 2, y: 30)]
        try tw.workspace.saveDraft(id, document: draft)
        s.send(.char("H"), .key(.home), .char("s"))
        #expect(s.steppingEntry?.status == .draft)
        #expect(s.stepHeaderText == "working draft · tester · 2d ago · not live yet · +0 -0 ~0 nodes · notes +1 -0 ~0 · step 4 of 4")
        s.send(.char("n"))
        #expect(s.message == "this is the working draft: the last step")
        s.send(.char("p"))
        #expect(s.steppingEntry?.version == 3)
    }

    // MARK: - Review before Make Live

    /// v2 live, and a draft that relabels the reply, adds a node, a connector, a note and
    /// a logbook.
    static func reviewDraft(_ tw: TempWorkspace) throws -> String {
        let id = try F.twoVersions(tw)
        var draft = F.diffV2
        draft.nodes[try #require(draft.nodeIndex(withID: "reply"))].label = "Answer"
        draft.nodes.append(FlowNode(id: "audit", type: "log", label: "Audit", x: 1, y: 28,
                                    config: ["logbook": "orders", "message": "done"]))
        draft.connections.removeAll { $0.from == "reply" && $0.outcome == "failed" }
        draft.connections.append(Connection(from: "reply", outcome: "failed", to: "audit"))
        draft.connections.append(Connection(from: "audit", outcome: "next", to: "done"))
        draft.notes = [FlowNote(id: "why", text: "audit failures", node: "audit", x: 1, y: 34)]
        draft.settings.logbooks = ["orders", "audit"]
        try tw.workspace.saveDraft(id, document: draft)
        return id
    }

    @Test func theReviewListsWhatDiffJSONLists() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try Self.reviewDraft(tw)
        let s = try Self.screen(tw, id)
        s.send(.char("R"))
        let progress = try #require(s.reviewProgress)
        #expect(progress.reviewed == 0 && progress.total == s.diffChanges.count)

        // `flowcanvas diff FLOW 2 draft --json`, run for real.
        let json = try Self.diffJSON(workspace: tw.directory, flow: id, "2", "draft")
        func strings(_ key: String) -> [String] { (json[key] as? [String]) ?? [] }
        func ids(_ key: String) -> [String] { ((json[key] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String } }
        func links(_ key: String) -> [String] {
            ((json[key] as? [[String: Any]]) ?? []).map { "\($0["from"]!).\($0["outcome"]!) → \($0["to"]!)" }
        }
        let changes = s.diffChanges
        func of(_ kind: DiffChange.Kind) -> [DiffChange] { changes.filter { $0.kind == kind } }
        #expect(of(.addedNode).map(\.node) == strings("addedNodes"))
        #expect(of(.removedNode).map(\.node) == strings("removedNodes"))
        #expect(of(.changedNode).map(\.node) == ids("changedNodes"))
        #expect(of(.addedConnection).map { String($0.text.dropFirst(2)) } == links("addedConnections"))
        #expect(of(.removedConnection).map { String($0.text.dropFirst(2)) } == links("removedConnections"))
        #expect(of(.settings).count == ((json["settingsChanged"] as? Bool) == true ? 1 : 0))
        #expect(of(.addedNote).map(\.note) == strings("addedNotes"))
        #expect(of(.removedNote).map(\.note) == strings("removedNotes"))
        #expect(of(.changedNote).map(\.note) == ids("changedNotes"))
        #expect(changes.count == strings("addedNodes").count + strings("removedNodes").count + ids("changedNodes").count
                + links("addedConnections").count + links("removedConnections").count + of(.settings).count
                + strings("addedNotes").count + strings("removedNotes").count + ids("changedNotes").count)
        // Fields with old → new values; the note and the settings are there.
        let reply = try #require(of(.changedNode).first { $0.node == "reply" })
        #expect(reply.details == ["label: \"Reply\" → \"Answer\""])
        #expect(of(.addedNote).first?.text == "+ note why: \"audit failures\"")
        #expect(of(.settings).first?.details == ["logbooks: orders → orders, audit"])
    }

    @Test func changesAreMarkedReviewedAndMakeLiveAsksForTheRest() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try Self.reviewDraft(tw)
        let s = try Self.screen(tw, id)
        s.send(.char("R"))
        let total = try #require(s.reviewProgress?.total)
        #expect(frameText(s, 130, 36).contains("Review · 0/\(total) reviewed"))
        s.send(.char(" "))
        #expect(s.reviewProgress?.reviewed == 1 && s.diffSelection == 1, "Space marks and moves on")
        let frame = frameText(s, 130, 36)
        #expect(frame.contains("[x] + node audit") && frame.contains("[ ] ~ node reply"))
        // Enter jumps to the selected change on the canvas.
        s.send(.key(.enter))
        #expect(s.state.highlighted == "reply")
        s.send(.key(.escape))
        #expect(!s.isShowingDiff)

        // L: the draft has unreviewed changes, so the review opens first.
        s.send(.char("L"))
        #expect(s.isShowingDiff && s.reviewProgress?.reviewed == 1 && s.modalName == nil)
        #expect(s.message?.contains("L goes on to Make Live") == true)
        // L again skips the rest: the wizard, whose comment step says what was reviewed.
        s.send(.char("L"))
        let wizard = try #require(s.makeLiveWizard)
        #expect(wizard.reviewNote == "Reviewed 1 of \(total) changes against the live version")
        while s.makeLiveWizard?.step != .comment { s.send(.key(.enter)) }
        #expect(frameText(s, 130, 36).contains("Reviewed 1 of \(total) changes against the live version"))
        s.send(.key(.escape), .key(.escape), .key(.escape))
        #expect(s.makeLiveWizard == nil)

        // Everything reviewed: L goes straight to the wizard.
        s.send(.char("R"))
        // Mark every unmarked change, top to bottom.
        s.send(.key(.home))
        for i in 0..<total {
            let marked = s.lifecycle.diff?.review?.isReviewed(s.diffChanges[i]) ?? false
            if marked { s.send(.key(.down)) } else { s.send(.char(" ")) }
        }
        #expect(s.reviewProgress?.reviewed == total)
        s.send(.key(.escape), .char("L"))
        #expect(s.makeLiveWizard?.reviewNote == "Reviewed \(total) of \(total) changes against the live version")
    }

    /// `flowcanvas --workspace DIR diff FLOW A B --json`, from the binary built beside the tests.
    static func diffJSON(workspace: URL, flow: String, _ a: String, _ b: String) throws -> [String: Any] {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var candidates = [package.appendingPathComponent(".build/debug")]
        if let arg0 = ProcessInfo.processInfo.arguments.first {
            candidates.insert(URL(fileURLWithPath: arg0).deletingLastPathComponent(), at: 0)
        }
        let exe = try #require(candidates.map { $0.appendingPathComponent("flowcanvas") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }, "flowcanvas binary not built")
        let (status, data) = try ProgramOutput.run(exe, ["--workspace", workspace.path, "diff", flow, a, b, "--json"])
        #expect(status == 0)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}

/// A history step keeps the connector routes the canvas already had: only connectors
/// whose boxes moved are routed again (what keeps a step on a big flow fast).
@Suite struct HistoryStepRoutingTests {
    /// A 12 × 12 grid of log nodes chained left to right, row by row.
    static func grid(relabel: Int, move: String? = nil) -> FlowDocument {
        var doc = FlowDocument(name: "Grid", settings: FlowSettings(logbooks: ["audit"],
                                                                     outcomes: [FlowOutcome(name: "done", kind: .success)]))
        doc.nodes.append(FlowNode(id: "start", type: "start", label: "Inbound SMS", x: 0, y: 0,
                                  config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]))
        var previous = ("start", "next")
        for i in 0..<144 {
            let id = "n\(i)"
            doc.nodes.append(FlowNode(id: id, type: "log", label: i == relabel ? "changed \(relabel)" : "Log \(i)",
                                      x: (i % 12) * 32 + (id == move ? 2 : 0), y: 8 + (i / 12) * 8,
                                      config: ["logbook": "audit", "message": "m"]))
            doc.connections.append(Connection(from: previous.0, outcome: previous.1, to: id))
            previous = (id, "next")
        }
        doc.nodes.append(FlowNode(id: "done", type: "end", label: "Done", x: 0, y: 8 + 12 * 8, config: ["outcome": "done"]))
        doc.connections.append(Connection(from: previous.0, outcome: previous.1, to: "done"))
        return doc
    }

    @Test func aStepReroutesOnlyWhatMoved() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.flow("Grid")
        for (v, doc) in [Self.grid(relabel: 1), Self.grid(relabel: 2), Self.grid(relabel: 3, move: "n14")].enumerated() {
            try tw.workspace.saveDraft(id, document: doc)
            try tw.workspace.makeLive(id, MakeLiveRequest(comment: "v\(v + 1)"))
        }
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)   // v3's layout
        _ = renderFrame(s, 200, 60)
        s.startStepping(at: .version(3))
        _ = renderFrame(s, 200, 60)
        #expect(s.canvasView.stats.connectorsRouted == 0, "v3 is what the canvas showed: every route is kept")
        s.send(.char("p"))
        _ = renderFrame(s, 200, 60)
        #expect(s.steppingEntry?.version == 2)
        let routed = s.canvasView.stats.connectorsRouted
        #expect(routed > 0 && routed <= 6, "n14 moved back: its own connectors and those it covers (\(routed))")
        s.send(.char("p"))
        _ = renderFrame(s, 200, 60)
        #expect(s.steppingEntry?.version == 1)
        #expect(s.canvasView.stats.connectorsRouted == 0, "v1 only relabels")
    }

    /// Steps prepared in the background (after a pause) show what the versions are: each
    /// version's document and its diff from the one before, read fresh; and keys pressed
    /// with no pause (a step waited for, or made on the key) draw the same frames.
    @Test func aPreparedStepEqualsOneMadeOnTheKey() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.flow("Grid")
        let docs = [Self.grid(relabel: 1), Self.grid(relabel: 2, move: "n5"), Self.grid(relabel: 3, move: "n14"), Self.grid(relabel: 4)]
        for (v, doc) in docs.enumerated() {
            try tw.workspace.saveDraft(id, document: doc)
            try tw.workspace.makeLive(id, MakeLiveRequest(comment: "v\(v + 1)"))
        }
        let paused = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        let hurried = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        for s in [paused, hurried] {
            _ = renderFrame(s, 200, 60)
            s.startStepping(at: .version(4))
        }
        for key in ["p", "p", "p", "n", "n", "p", "n", "n"] {
            paused.waitForHistoryPrefetch()
            paused.send(.char(Character(key)))
            hurried.send(.char(Character(key)))
            let v = try #require(paused.steppingEntry?.version)
            #expect(hurried.steppingEntry?.version == v)
            #expect(paused.state.document == docs[v - 1])
            let before = v > 1 ? docs[v - 2] : FlowDocument(name: docs[0].name, kind: docs[0].kind)
            #expect(paused.diffMarks?.diff == FlowDiff.between(before, docs[v - 1]), "v\(v)")
            #expect(paused.diffChanges == hurried.diffChanges)
            #expect(renderFrame(paused, 200, 60).text() == renderFrame(hurried, 200, 60).text(), "v\(v)")
        }
    }
}
