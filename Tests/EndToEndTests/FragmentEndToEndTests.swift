import Foundation
import Testing

/// `flowcanvas export --nodes` and `flowcanvas paste` with the real binary (issue 11's CLI).
@Suite struct FragmentEndToEndTests {
    @Test func copyTwoConnectedNodesIntoAnotherFlowAndIntoTheSameOne() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["import", try cli.file("flow.json", Documents.smsFlow), "--name", "Orders"])
        try cli.ok(["new", "Empty", "--template", "blank"])

        let fragment = try cli.ok(["export", "Orders", "--nodes", "reply,done", "-o", "frag.json"])
        #expect(fragment.stdout.isEmpty)
        let pasted = try cli.ok(["paste", "Empty", "frag.json", "--at", "40,10"])
        #expect(pasted.stdout.hasPrefix("pasted 2 nodes") && pasted.stdout.contains("into 'Empty': revision"), "\(pasted.stdout)")

        let shown = try cli.ok(["show", "Empty", "--json"]).stdout
        #expect(shown.contains("\"id\": \"reply\"") && shown.contains("\"id\": \"done\""))
        #expect(shown.contains("\"from\": \"reply\"") && shown.contains("\"to\": \"done\""),
                "the connector inside the fragment arrived")

        // Into the flow it came from: fresh ids, the reference follows, the draft's revision is honoured.
        let revision = try cli.ok(["show", "Orders", "--json"]).stdout
        #expect(revision.contains("\"revision\""))
        let again = try cli.ok(["paste", "Orders", "frag.json"])
        #expect(again.stdout.contains("(2 renamed"), "\(again.stdout)")
        #expect(again.stdout.contains("reply → reply-2"))
        try cli.refused(["paste", "Orders", "frag.json", "--expect-revision", "1"], status: 1, containing: "revision")
    }

    @Test func badInputIsOneLineAndChangesNothing() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["import", try cli.file("flow.json", Documents.smsFlow), "--name", "Orders"])
        let before = try cli.ok(["show", "Orders", "--json"]).stdout
        try cli.refused(["paste", "Orders", try cli.file("junk.txt", "hello there")], status: 1,
                        containing: "not a flowcanvas/1 fragment")
        try cli.refused(["paste", "Orders", "missing.json"], status: 2, containing: "no such file")
        try cli.refused(["paste", "Orders", "missing.json", "--at", "x"], status: 2, containing: "--at takes X,Y")
        try cli.refused(["export", "Orders", "--nodes", "nope"], status: 2, containing: "no node 'nope'")
        try cli.refused(["export", "Orders", "--nodes", "reply", "--format", "dot"], status: 2, containing: "--nodes")
        #expect(try cli.ok(["show", "Orders", "--json"]).stdout == before)
    }
}
