import Foundation

// Importing Twilio Studio flow definitions, and import that recognises the format.
extension Workspace {
    /// A new flow translated from a Twilio Studio definition. The whole definition is
    /// checked and translated before anything is written; refusals are `importRefused`
    /// (unsupported widgets with DESIGN §4's message), a taken name `flowExists`.
    public func importStudioFlow(_ data: Data, options: StudioImportOptions) throws(WorkspaceError)
        -> (flow: FlowSummary, report: StudioImportReport) {
        let translated: StudioImport
        do {
            translated = try TwilioStudioImport.translate(data, options: options, catalog: catalog)
        } catch {
            throw .importRefused(error)
        }
        let flow = try createFlow(named: translated.report.flowName, document: translated.document)
        var report = translated.report
        report.flowName = flow.name
        return (flow, report)
    }

    /// Imports a file in whichever format it is: a Twilio Studio definition (top-level
    /// `states` and `initial_state`) or `flowcanvas/1`. For the editor's import dialog,
    /// which is not told the format. A Studio flow is named after the file.
    /// `name` replaces the name the file gives; `trigger` is a Studio import's `--trigger`
    /// (the editor asks for it when the refusal carries `triggerChoices`).
    public func importFlowRecognizingFormat(file: URL, name: String? = nil, trigger: String? = nil) throws(WorkspaceError) -> FlowSummary {
        let data = try Workspace.readFile(file)
        if TwilioStudioImport.recognizes(data) {
            let options = StudioImportOptions(name: name, fallbackName: Workspace.baseName(of: file), trigger: trigger)
            return try importStudioFlow(data, options: options).flow
        }
        return try importFlow(data, name: name)
    }

    /// The name a file would be imported under, after every check import makes (so a
    /// refusal comes before the name is asked for). Nothing is written. `trigger` as for
    /// `importFlowRecognizingFormat`.
    public func importedName(of file: URL, trigger: String? = nil) throws(WorkspaceError) -> String {
        let data = try Workspace.readFile(file)
        if TwilioStudioImport.recognizes(data) {
            do {
                let options = StudioImportOptions(fallbackName: Workspace.baseName(of: file), trigger: trigger)
                return try TwilioStudioImport.translate(data, options: options, catalog: catalog).report.flowName
            } catch {
                throw .importRefused(error)
            }
        }
        do {
            let name = try FlowCodec.importDocument(data, catalog: catalog).name
            return name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? Workspace.baseName(of: file) : name
        } catch {
            throw .importRefused(error)
        }
    }

    /// `flows/order-status.json` → `order-status`: a name for a flow from its file.
    public static func baseName(of file: URL) -> String {
        var name = file.lastPathComponent
        if name.lowercased().hasSuffix(".json") { name = String(name.dropLast(5)) }
        return name
    }
}
