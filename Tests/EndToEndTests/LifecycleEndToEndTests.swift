import Foundation
import Testing

/// The whole life of a flow through the built binary: new, save, validate, make live,
/// history, edit, diff, pause/resume, copy, export, import, delete.
@Suite struct LifecycleEndToEndTests {
    @Test func aFlowFromTemplateToSecondVersion() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }

        // new from the default (blank) template
        let created = try cli.ok(["new", "Order status"])
        #expect(created.stdout.contains("order-status"))
        // What the template leaves to fill in is printed at once, as `save` prints findings.
        #expect(created.stdout.contains("1 error, 0 warnings") && created.stdout.contains("start.address"),
                "new prints the draft's findings: \(created.stdout)")
        try cli.refused(["new", "order STATUS"], status: 1, containing: "already exists")

        // list --json
        let list = try #require(try cli.ok(["list", "--json"]).json() as? [[String: Any]])
        #expect(list.count == 1)
        let first = try #require(list.first)
        #expect(Set(first.keys) == ["id", "name", "status", "state", "liveVersion", "hasDraft"])
        #expect(first["id"] as? String == "order-status" && first["name"] as? String == "Order status")
        #expect(first["status"] as? String == "draft" && first["hasDraft"] as? Bool == true)
        #expect(first["state"] is NSNull && first["liveVersion"] is NSNull)

        // show --json: the document plus revision and version
        let shown = try #require(try cli.ok(["show", "order-status", "--json"]).json() as? [String: Any])
        #expect(shown["format"] as? String == "flowcanvas/1")
        #expect(shown["name"] as? String == "Order status")
        #expect(shown["revision"] as? Int == 1 && shown["version"] is NSNull)

        // save FILE with --expect-revision; a stale revision is a conflict (exit 1)
        let doc = try cli.file("order.json", Documents.smsFlow)
        let saved = try cli.ok(["save", "Order status", doc, "--expect-revision", "1"])
        #expect(saved.stdout.contains("revision 2"))
        #expect(saved.stdout.contains("warning") || saved.stdout.contains("No findings"))
        let beforeConflict = try cli.storedState()
        try cli.refused(["save", "Order status", "order.json", "--expect-revision", "1"], status: 1, containing: "conflict")
        #expect(try cli.storedState() == beforeConflict)
        let afterSave = try #require(try cli.ok(["show", "Order status", "--json"]).json() as? [String: Any])
        #expect(afterSave["name"] as? String == "Order status")   // the flow keeps its name
        #expect((afterSave["nodes"] as? [Any])?.count == 3 && afterSave["revision"] as? Int == 2)

        // validate
        let valid = try cli.ok(["validate", "Order status"])
        #expect(valid.stdout.contains("0 errors") || valid.stdout.contains("No findings"))
        let validJSON = try #require(try cli.ok(["validate", "Order status", "--json"]).json() as? [String: Any])
        #expect(Set(validJSON.keys) == ["valid", "errors", "warnings"] && validJSON["valid"] as? Bool == true)

        // make-live: version 1
        let live = try cli.ok(["make-live", "Order status", "--comment", "first", "--set", "greeting=Hi"])
        #expect(live.stdout.contains("version 1") && live.stdout.contains("sms -> outbox"))
        try cli.refused(["make-live", "Order status"], status: 1, containing: "no working draft")
        try cli.refused(["make-live", "Order status", "--set", "nope=1"], status: 1, containing: "no working draft")

        // history --json
        var history = try #require(try cli.ok(["history", "Order status", "--json"]).json() as? [[String: Any]])
        #expect(history.count == 1)
        #expect(Set(history[0].keys) == ["version", "status", "basedOn", "comment", "author", "createdAt"])
        #expect(history[0]["version"] as? Int == 1 && history[0]["status"] as? String == "live")
        #expect(history[0]["comment"] as? String == "first" && history[0]["author"] as? String == "e2e")
        #expect(history[0]["basedOn"] is NSNull)

        // edit --from 1 (twice: the second is refused while the draft exists)
        try cli.ok(["edit", "Order status", "--from", "1"])
        try cli.refused(["edit", "Order status", "--from", "1"], status: 1, containing: "already has a working draft")
        try cli.refused(["edit", "Order status", "--from", "9"], status: 2, containing: "no version 9")
        let revision = try #require(try cli.ok(["show", "Order status", "--json"]).json() as? [String: Any])["revision"] as? Int
        try cli.ok(["save", "Order status", try cli.file("v2.json", Documents.smsFlowWithLog),
                    "--expect-revision", String(try #require(revision))])

        // diff --json between version 1 and the draft
        let diff = try #require(try cli.ok(["diff", "Order status", "1", "draft", "--json"]).json() as? [String: Any])
        #expect(Set(diff.keys) == ["addedNodes", "removedNodes", "changedNodes", "addedConnections",
                                   "removedConnections", "settingsChanged",
                                   "changedSettings", "addedNotes", "removedNotes", "changedNotes"])
        #expect(diff["addedNodes"] as? [String] == ["note-it"])
        #expect(diff["settingsChanged"] as? Bool == true)
        #expect(try cli.ok(["diff", "Order status", "1", "draft"]).stdout.contains("+ node note-it"))
        try cli.refused(["diff", "Order status", "1", "latest"], status: 2, containing: "'latest'")

        // version 2
        try cli.ok(["make-live", "Order status", "--comment", "log replies"])
        history = try #require(try cli.ok(["history", "Order status", "--json"]).json() as? [[String: Any]])
        #expect(history.map { $0["version"] as? Int } == [2, 1])
        #expect(history.map { $0["status"] as? String } == ["live", "previous"])
        #expect(history[0]["basedOn"] as? Int == 1)
        let text = try cli.ok(["history", "Order status"]).stdout
        #expect(text.contains("log replies") && text.contains("previous"))
        let shownLive = try #require(try cli.ok(["show", "Order status", "--json"]).json() as? [String: Any])
        #expect(shownLive["version"] as? Int == 2 && shownLive["revision"] as? Int == 0)
        let v1 = try #require(try cli.ok(["show", "Order status", "--version", "1", "--json"]).json() as? [String: Any])
        #expect((v1["nodes"] as? [Any])?.count == 3)
    }

    @Test func pauseResumeCopyExportImportDelete() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["import", try cli.file("order.json", Documents.smsFlow), "--name", "Order status"])
        try cli.refused(["pause", "Order status"], status: 1, containing: "not live")
        try cli.ok(["make-live", "Order status"])

        // pause / resume
        #expect(try cli.ok(["pause", "Order status"]).stdout.contains("paused"))
        var list = try #require(try cli.ok(["list", "--json"]).json() as? [[String: Any]])
        #expect(list[0]["state"] as? String == "paused" && list[0]["status"] as? String == "live")
        try cli.ok(["resume", "order-status"])
        list = try #require(try cli.ok(["list", "--json"]).json() as? [[String: Any]])
        #expect(list[0]["state"] as? String == "running" && list[0]["liveVersion"] as? Int == 1)

        // copy: the live version becomes the copy's draft
        try cli.ok(["copy", "Order status", "Order status (copy)"])
        list = try #require(try cli.ok(["list", "--json"]).json() as? [[String: Any]])
        #expect(list.map { $0["id"] as? String } == ["order-status", "order-status-copy"])
        #expect(list[1]["status"] as? String == "draft" && list[1]["hasDraft"] as? Bool == true)
        try cli.refused(["copy", "Order status", "order status (COPY)"], status: 1, containing: "already exists")

        // export json / mermaid / dot, to stdout and with -o
        let json = try cli.ok(["export", "Order status"]).stdout
        #expect(json.hasPrefix("{\n") && json.hasSuffix("}\n") && json.contains("\"format\": \"flowcanvas/1\""))
        #expect(try cli.ok(["export", "Order status", "--version", "1"]).stdout == json)
        try cli.ok(["export", "Order status", "--format", "json", "-o", "out.json"])
        #expect(try String(contentsOf: cli.files.appendingPathComponent("out.json"), encoding: .utf8) == json)
        let mermaid = try cli.ok(["export", "Order status", "--format", "mermaid"]).stdout
        #expect(mermaid.contains("reply") && mermaid.contains("done"))
        let dot = try cli.ok(["export", "Order status", "--format", "dot"]).stdout
        #expect(dot.contains("digraph") && dot.contains("reply"))
        try cli.refused(["export", "Order status", "--format", "svg"], status: 2, containing: "svg")
        try cli.refused(["export", "Order status", "-o", "/nonexistent-dir/x.json"], status: 2, containing: "cannot write")

        // import the export back under another name: byte-identical export
        try cli.ok(["import", "out.json", "--name", "Imported"])
        let reexported = try cli.ok(["export", "Imported"]).stdout
        #expect(reexported == json.replacingOccurrences(of: "\"name\": \"Order status\"", with: "\"name\": \"Imported\""))

        // delete
        try cli.refused(["delete", "Order status (copy)"], status: 2, containing: "--yes")
        try cli.ok(["delete", "Order status (copy)", "--yes"])
        try cli.refused(["show", "Order status (copy)"], status: 2, containing: "no flow named 'Order status (copy)'")
        list = try #require(try cli.ok(["list", "--json"]).json() as? [[String: Any]])
        #expect(list.map { $0["id"] as? String } == ["imported", "order-status"])
    }

    @Test func validateFilesAndRefusedMakeLive() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let broken = try cli.file("broken.json", Documents.noStart)
        let r = try cli.run(["validate", "--file", broken])
        #expect(r.status == 1)
        #expect(r.stdout.contains("no-start"))
        let j = try cli.run(["validate", "--file", "broken.json", "--json"])
        #expect(j.status == 1)
        let report = try #require(try j.json() as? [String: Any])
        #expect(report["valid"] as? Bool == false)
        let errors = try #require(report["errors"] as? [[String: Any]])
        #expect(errors.contains { $0["code"] as? String == "no-start" })
        #expect(Set(errors.first?.keys.map { $0 } ?? []) == ["code", "node", "field", "message"])
        #expect(try cli.ok(["validate", "--file", try cli.file("ok.json", Documents.smsFlow)]).status == 0)

        // A draft with errors saves (exit 0, findings printed) but does not go live.
        try cli.ok(["import", "ok.json", "--name", "Order status"])
        let saved = try cli.ok(["save", "Order status", "broken.json"])
        #expect(saved.stdout.contains("no-start"))
        let before = try cli.storedState()
        let refused = try cli.run(["make-live", "Order status"])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("no-start"))
        #expect(refused.stderrLines.count == 1 && refused.stderr.hasPrefix("flowcanvas: cannot make 'Order status' live"))
        #expect(try cli.storedState() == before)
        #expect(try cli.run(["validate", "Order status"]).status == 1)
    }

    @Test func makeLiveBindsAppsAndValues() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["import", try cli.file("order.json", Documents.smsFlow), "--name", "Order status"])
        try cli.ok(["apps", "add", "twilio", "--channel", "sms", "--webhook", "http://127.0.0.1:9/sms"])
        try cli.ok(["apps", "add", "mailer", "--channel", "email", "--webhook", "http://127.0.0.1:9/mail"])
        let apps = try #require(try cli.ok(["apps", "list", "--json"]).json() as? [[String: Any]])
        #expect(apps.map { $0["name"] as? String } == ["outbox", "mailer", "twilio"])
        #expect(apps[0]["builtIn"] as? Bool == true && apps[0]["channel"] is NSNull)
        try cli.refused(["apps", "remove", "outbox"], status: 1, containing: "built-in")
        try cli.refused(["apps", "add", "x", "--channel", "fax", "--webhook", "http://a"], status: 2, containing: "fax")

        let before = try cli.storedState()
        try cli.refused(["make-live", "Order status", "--app", "sms=nope"], status: 2, containing: "no app named 'nope'")
        try cli.refused(["make-live", "Order status", "--app", "sms=mailer"], status: 1, containing: "sends on email")
        try cli.refused(["make-live", "Order status", "--set", "nope=1"], status: 2, containing: "'nope'")
        try cli.refused(["make-live", "Order status", "--set", "greeting"], status: 2, containing: "KEY=VALUE")
        #expect(try cli.storedState() == before)

        let live = try cli.ok(["make-live", "Order status", "--app", "sms=twilio", "--set", "greeting=Hey there"])
        #expect(live.stdout.contains("sms -> twilio") && live.stdout.contains("$(greeting) = Hey there"))
        try cli.refused(["apps", "remove", "twilio"], status: 1, containing: "bound to the live version")
        try cli.ok(["apps", "remove", "mailer"])
    }
}
