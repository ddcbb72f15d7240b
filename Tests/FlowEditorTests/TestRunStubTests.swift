@testable import FlowCanvasView
import FlowKit
import FlowRuntime
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// The test-run panel's HTTP stubs (Ctrl-B), kept for the editing session, and saving
/// the run as a `run --script` file (Ctrl-O) that replays and passes (issue 12).
@Suite struct TestRunStubTests {
    /// The API host does not resolve: only a stub lets the run through.
    static let document = TestRunFixtures.httpLookup(baseURL: "https://shop.invalid")

    @Test func aStubbedRunSavedAsAScriptReplaysAndPasses() async throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try TestRunFixtures.screen(tw, Self.document)
        s.send(.char("T"))
        #expect(frameText(s, 120, 40).contains("HTTP: real calls (Ctrl-B stubs a node)"))
        s.send(.ctrl("b"))
        #expect(frameText(s, 120, 40).contains("HTTP stubs (test runs only)"))
        s.send(.key(.tab))          // Answer
        s.send(.key(.left))         // real call → stub
        s.send(.key(.tab), .key(.tab))  // Body
        s.send(.ctrl("u"))
        s.type("{\"status\": \"shipped\"")  // not JSON yet
        s.send(.key(.enter))
        #expect(frameText(s, 120, 40).contains("the body is not JSON"))
        s.type("}")
        s.send(.key(.enter))
        let panel = try #require(s.testRunPanel)
        #expect(panel.stubs.stub(for: "lookup") == HTTPStub(status: 200, body: ["status": "shipped"]))
        #expect(frameText(s, 120, 40).contains("lookup: stub HTTP 200"))

        s.send(.key(.tab), .key(.tab))
        s.type("EX1")
        s.send(.key(.enter))
        await s.settleTestRun()
        #expect(panel.phase == .done(outcome: "resolved"), "\(panel.transcript)")
        #expect(panel.sentMessages == ["Your order is shipped"])

        let file = tw.directory.appendingPathComponent("lookup-run.json")
        s.send(.ctrl("o"))
        #expect(frameText(s, 120, 40).contains("Save the run as a script"))
        s.send(.ctrl("u"))
        s.type(file.path)
        s.send(.key(.enter))
        #expect(panel.savedScriptPath == file.path)
        let script = try RunScript(json: Data(contentsOf: file))
        #expect(script.steps.first == .stub(node: "lookup", HTTPStub(status: 200, body: ["status": "shipped"])))
        #expect(script.steps.last == .expect(RunExpectation(node: "done", state: .done, outcome: .some("resolved"))))
        // Replayed on the runtime with no network: the same path, every expectation holds.
        let replay = await TestRunner(flow: LiveFlow(flowId: s.flowID, version: nil, document: Self.document),
                                      http: HTTPStubRunNoNetwork()).run(script)
        #expect(replay.passed, "\(replay.text)")

        // The stub outlives the panel: a new test run of this flow starts with it.
        s.send(.key(.escape))
        s.send(.char("T"))
        #expect(s.testRunPanel?.stubs.stub(for: "lookup") != nil)
        #expect(frameText(s, 120, 40).contains("lookup: stub HTTP 200"))
    }

    @Test func withoutAStubTheCallIsReal() async throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try TestRunFixtures.screen(tw, Self.document)
        s.send(.char("T"))
        s.send(.ctrl("o"))
        #expect(s.testRunPanel?.problem?.contains("nothing to save yet") == true)
        let panel = try #require(s.testRunPanel)
        #expect(panel.stubSteps.isEmpty)
    }
}

/// Fails the test if the replay reaches the network.
struct HTTPStubRunNoNetwork: HTTPClient {
    func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseData {
        Issue.record("a call reached the network: \(request.url)")
        throw HTTPCallError.failed("no network")
    }
}

extension TestRunStubTests {
    @Test func testRunIsOnTheCommandLineWithItsKey() throws {
        #expect(try EditorActions.parse("test-run").get() == .testRun)
        #expect(EditorActions.spec(named: "test-run")?.key == "T")
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try TestRunFixtures.screen(tw, Self.document)
        _ = s.perform(.testRun)
        #expect(s.modalName == "test-run")
    }
}

extension TestRunStubTests {
    /// Cells drawn in the path's colours (visited boxes, connectors gone along) in a frame;
    /// at compact zoom adjacent boxes leave no room for a line, so boxes count too.
    static func pathLineCells(_ frame: CellBuffer) -> Int {
        let styles = [Theme.standard.added, Theme.standard.added.adding(.bold)]
        var n = 0
        for y in 0..<frame.height {
            for x in 0..<frame.width where styles.contains(frame[x, y].style) && frame[x, y].character != " " {
                n += 1
            }
        }
        return n
    }

    @Test func thePathTakenIsHighlightedAtEveryZoomLevel() async throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try TestRunFixtures.screen(tw, Self.document)
        s.send(.char("T"))
        #expect(s.testRunPanel?.pathTaken.nodes.isEmpty == true)
        let before = Self.pathLineCells(renderFrame(s, 160, 40))
        #expect(before == 0)
        s.testRunPanel?.stubs.set(HTTPStub(status: 200, body: ["status": "shipped"]), for: "lookup")
        s.send(.key(.enter))
        await s.settleTestRun()
        let path = try #require(s.testRunPanel?.pathTaken)
        #expect(path.nodes == ["start", "lookup", "tell", "done"])
        #expect(path.connections.contains(Connection(from: "lookup", outcome: "success", to: "tell")))
        #expect(!path.connections.contains(Connection(from: "lookup", outcome: "error", to: "broken")))
        for level in CanvasZoom.Level.allCases {
            s.state.zoom = CanvasZoom.preset(level)
            s.state.viewportOrigin = GridPoint(0, 0)
            #expect(Self.pathLineCells(renderFrame(s, 160, 40)) > 0, "the path shows at \(level)")
        }
    }
}
