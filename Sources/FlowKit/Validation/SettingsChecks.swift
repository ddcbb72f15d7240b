import Foundation

/// Flow-level settings: the duplicate-session guard and the names other fields refer to.
extension ValidationRun {
    mutating func checkSettings() {
        let settings = document.settings
        let identifier = settings.uniqueIdentifier
        if settings.preventDuplicateSessions && identifier.trimmingCharacters(in: .whitespaces).isEmpty {
            addFlow(.missingUniqueIdentifier, field: "uniqueIdentifier",
                    "Flow settings: duplicate sessions are prevented, but the unique identifier is empty; set it, e.g. to $(start.from)")
        } else if !identifier.isEmpty {
            checkTemplate(identifier, node: nil, field: "uniqueIdentifier", label: "Unique identifier")
        }
        checkNames(settings.outcomes.map(\.name), field: "outcomes", what: "flow outcome", mustBeReferenceable: false)
        checkNames(settings.variables.map(\.name), field: "variables", what: "variable", mustBeReferenceable: true)
        checkNames(settings.logbooks, field: "logbooks", what: "logbook", mustBeReferenceable: false)
        checkNames(settings.languages.map(\.code), field: "languages", what: "language", mustBeReferenceable: false)
    }

    private mutating func checkNames(_ names: [String], field: String, what: String, mustBeReferenceable: Bool) {
        var seen: Set<String> = []
        for name in names {
            if name.trimmingCharacters(in: .whitespaces).isEmpty {
                addFlow(.invalidParameter, field: field, "Flow settings: a \(what) has no name")
            } else if !seen.insert(name).inserted {
                addFlow(.invalidParameter, field: field, "Flow settings: the \(what) \"\(name)\" is defined twice")
            } else if mustBeReferenceable && !Self.isValidName(name) {
                addFlow(.invalidParameter, field: field,
                        "Flow settings: the \(what) \"\(name)\" cannot be written as $(…); use letters, digits, _ and -")
            }
        }
    }
}
