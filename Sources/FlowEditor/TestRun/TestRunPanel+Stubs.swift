import FlowKit
import FlowRuntime
import Foundation
import TerminalUI

// HTTP stubs (Ctrl-B) and saving the run as a `flowcanvas run --script` file (Ctrl-O).
extension TestRunPanel {
    /// The document's http-request nodes, by id.
    var httpNodes: [String] { document.nodes.filter { $0.type == "http-request" }.map(\.id).sorted() }

    /// The stubs in force, as the script steps that set them.
    var stubSteps: [RunStep] {
        stubs.all.keys.sorted().compactMap { node in
            guard httpNodes.contains(node), let stub = stubs.stub(for: node) else { return nil }
            return .stub(node: node, stub)
        }
    }

    /// The script of the run so far: the stubs, the trigger, each reply and wait, then an
    /// expectation of where the session is (and its outcome when it ended), so
    /// `flowcanvas run --script` replays it and passes.
    public var script: RunScript? {
        guard !recorded.isEmpty, let session else { return nil }
        var steps = recorded
        switch session.state {
        case .done:
            steps.append(.expect(RunExpectation(node: session.currentNode, state: .done, outcome: .some(session.outcome))))
        case .waiting, .running:
            steps.append(.expect(RunExpectation(at: session.currentNode, state: session.state)))
        case .failed:
            steps.append(.expect(RunExpectation(at: session.currentNode, state: .failed)))
        }
        return RunScript(steps: steps)
    }

    func overlayCommand(_ key: TestRunKey) {
        switch key {
        case .stubs:
            guard !httpNodes.isEmpty else { problem = "this flow has no http-request node to stub"; return }
            stubForm = TestRunStubForm(nodes: httpNodes, table: stubs, theme: theme)
        case .saveScript:
            guard script != nil else { problem = "start the run first (Enter): there is nothing to save yet"; return }
            var d = InputDialog(title: "Save the run as a script",
                                prompt: "File for `flowcanvas run \(flowId) --script FILE` (the run replays and passes):",
                                text: "\(flowId)-run.json", theme: theme)
            d.complete = { PathCompletion.complete($0) }
            savePrompt = d
        default:
            break
        }
    }

    func handleOverlay(_ event: Event) {
        if var form = stubForm {
            switch form.handle(event) {
            case .pending: stubForm = form
            case .cancelled: stubForm = nil
            case .applied(let node, let stub):
                stubForm = nil
                stubs.set(stub, for: node)
                // Mid-run, later calls get it: the script says so at this point.
                if !recorded.isEmpty, let stub { recorded.append(.stub(node: node, stub)) }
                notice = stub.map { "\(node) is stubbed: HTTP \($0.status)" } ?? "\(node) makes its real call"
            }
            return
        }
        guard var prompt = savePrompt else { return }
        switch prompt.handle(event) {
        case .pending: savePrompt = prompt
        case .cancelled: savePrompt = nil
        case .accepted(let path):
            if let error = writeScript(to: path) {
                prompt.error = error
                savePrompt = prompt
            } else {
                savePrompt = nil
            }
        }
    }

    /// Writes the run so far to `path` (`~` expanded); nil when written, else why not.
    func writeScript(to path: String) -> String? {
        guard let script else { return "start the run first (Enter): there is nothing to save yet" }
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        do {
            try Data(script.json.utf8).write(to: url, options: .atomic)
            savedScriptPath = url.path
            notice = "saved \(script.steps.count) steps to \(url.path)"
            return nil
        } catch {
            return "cannot write \(url.path): \((error as NSError).localizedDescription)"
        }
    }

    public func renderOverlay(into b: inout CellBuffer, in area: Rect) {
        stubForm?.render(into: &b, in: area)
        savePrompt?.render(into: &b, in: area)
        commandPrompt?.render(into: &b, in: area)
    }
}

extension TestRunPanel {
    /// "lookup: stub HTTP 200" for each stubbed node, on the trigger step.
    var stubNotes: [String] {
        let stubbed = stubSteps.compactMap { step -> String? in
            guard case .stub(let node, let stub) = step else { return nil }
            return "\(node): stub HTTP \(stub.status)"
        }
        guard !httpNodes.isEmpty else { return [] }
        return stubbed.isEmpty ? ["HTTP: real calls (Ctrl-B stubs a node)"] : ["HTTP stubs: " + stubbed.joined(separator: ", ")]
    }
}

extension TestRunPanel {
    /// The nodes the session visited and the connectors it went along (between one
    /// visited node and the next), for the canvas to highlight while the panel is open.
    public var pathTaken: (nodes: Set<String>, connections: Set<Connection>) {
        guard runtime != nil, let visited = session?.visitedNodes, !visited.isEmpty else { return ([], []) }
        var connections = Set<Connection>()
        for (a, b) in zip(visited, visited.dropFirst()) {
            connections.formUnion(document.connections.filter { $0.from == a && $0.to == b })
        }
        return (Set(visited), connections)
    }
}
