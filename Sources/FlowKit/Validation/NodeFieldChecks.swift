import Foundation

/// Per-node checks: id, type, and every applicable field of the catalog
/// (missing-parameter, invalid-parameter, unknown-flow-outcome, end-without-outcome,
/// and the unknown-variable checks of the templates and expressions the fields hold).
extension ValidationRun {
    mutating func checkNode(_ i: Int, firstIndexOfID: Int) {
        let id = document.nodes[i].id
        if !FlowNode.isValidID(id) {
            add(.invalidParameter, node: i, field: "id",
                "id \"\(id)\" may use only a-z, 0-9 and -, at most 40 characters")
        }
        if firstIndexOfID != i {
            add(.invalidParameter, node: i, field: "id", "id \"\(id)\" is already used by an earlier node")
        }
        guard let info = types[i] else {
            add(.invalidParameter, node: i, field: "type",
                "type \"\(document.nodes[i].type)\" is not supported; replace this node with one from the palette")
            return
        }
        if info.spec.voiceOnly && document.kind != .voice {
            add(.invalidParameter, node: i, field: "type", "this node works only in voice flows")
        }
        let config = document.nodes[i].config
        // One pass over the config instead of one hash lookup per field.
        fieldValues.removeAll(keepingCapacity: true)
        fieldValues.append(contentsOf: repeatElement(nil, count: info.fields.count))
        for (key, value) in config {
            if let k = info.fieldNames.firstIndex(of: key) { fieldValues[k] = value }
        }
        for k in info.fields.indices {
            let field = info.fields[k]
            if field.spec.when != nil && !field.spec.applies(to: config) { continue }
            guard let value = fieldValues[k], !Self.isBlank(value) else {
                if !field.spec.mandatory { continue }
                if field.spec.kind == .flowOutcome {
                    // DECISIONS item 4: its own code, a warning.
                    add(.endWithoutOutcome, node: i, field: field.spec.name,
                        "\(field.spec.label) is not set, so sessions ending here record no flow outcome")
                } else {
                    add(.missingParameter, node: i, field: field.spec.name, "\(field.spec.label) is required")
                }
                continue
            }
            checkValue(value, field: field, info: info, node: i)
        }
        if info.isStart, document.kind == .messaging, config["trigger"]?.stringValue == "inbound-call" {
            add(.invalidParameter, node: i, field: "trigger", "the inbound-call trigger starts only voice flows")
        }
    }

    private mutating func checkValue(_ value: JSONValue, field: CatalogField, info: CatalogType, node i: Int) {
        let label = field.spec.label
        func invalid(_ detail: String) { add(.invalidParameter, node: i, field: field.spec.name, detail) }
        switch field.spec.kind {
        case .text, .longText:
            guard let text = Self.scalarText(value) else { return invalid("\(label) must be text") }
            guard case .string = value else { return }
            checkTemplate(text, node: i, field: field.spec.name, label: label)
            // The channel is looked up only when the text is longer than some limit.
            if let limits = field.spec.maxLengthByChannel, text.utf8.count > limits.values.min() ?? .max,
               let channel = document.nodes[i].config["channel"]?.stringValue,
               let limit = limits[channel], text.utf8.count > limit {
                // Only counted when the bytes exceed the limit: characters ≤ bytes.
                let length = text.count
                if length > limit {
                    invalid("\(label) is \(length) characters; \(channel) allows at most \(limit)")
                }
            }
        case .number:
            guard let n = value.comparableNumber else {
                return invalid("\(label) must be a number, not \(Self.describe(value))")
            }
            if let min = field.spec.min, n < min {
                invalid("\(label) must be at least \(CanonicalJSON.formatNumber(min)), not \(CanonicalJSON.formatNumber(n))")
            } else if let max = field.spec.max, n > max {
                invalid("\(label) must be at most \(CanonicalJSON.formatNumber(max)), not \(CanonicalJSON.formatNumber(n))")
            }
        case .enum:
            let options = field.spec.options ?? []
            guard let s = value.stringValue, options.contains(s) else {
                return invalid("\(label) \(Self.describe(value)) is not one of \(options.joined(separator: ", "))")
            }
        case .channel:
            guard let s = value.stringValue, catalog.channels.contains(s) else {
                return invalid("\(label) \(Self.describe(value)) is not a channel (\(catalog.channels.joined(separator: ", ")))")
            }
        case .flowOutcome:
            let names = document.settings.outcomes.map(\.name)
            guard let s = value.stringValue, names.contains(s) else {
                let known = names.isEmpty ? "the flow defines no outcomes yet; add one in the flow settings"
                    : "the flow's outcomes are \(names.joined(separator: ", "))"
                add(.unknownFlowOutcome, node: i, field: field.spec.name, "\(label) \(Self.describe(value)) is not a flow outcome; \(known)")
                return
            }
        case .logbook:
            let books = document.settings.logbooks
            guard let s = value.stringValue, books.contains(s) else {
                let known = books.isEmpty ? "the flow has no logbooks yet; add one in the flow settings"
                    : "the flow's logbooks are \(books.joined(separator: ", "))"
                return invalid("\(label) \(Self.describe(value)) is not a logbook of this flow; \(known)")
            }
        case .expression:
            guard let source = value.stringValue else { return invalid("\(label) must be text") }
            do {
                let expression = try Expression(parsing: source)
                for ref in expression.references {
                    checkReference(ref, node: i, field: field.spec.name, label: label)
                }
            } catch {
                invalid("\(label) is not a valid expression: \(error.description)")
            }
        case .branches:
            checkBranches(value, field: field, node: i)
        case .map:
            guard let map = value.objectValue else { return invalid("\(label) must be a list of name = value pairs") }
            let keysAreNames = field.spec.name == info.spec.variablesFromField || field.spec.name == info.spec.outputsFromField
            let valuesArePaths = field.spec.name == info.spec.outputsFromField
            // Sorted so findings come in a stable order; one key needs no sort.
            for key in map.count == 1 ? Array(map.keys) : map.keys.sorted() {
                if keysAreNames && !Self.isPlainName(key) && !Self.isValidName(key) {
                    invalid("\(label): \"\(key)\" is not a valid name; use letters, digits, _ and -")
                }
                guard let text = Self.scalarText(map[key]!) else {
                    invalid("\(label): the value of \"\(key)\" must be text")
                    continue
                }
                if valuesArePaths {
                    do { _ = try JSONPath.parse(text) } catch {
                        invalid("\(label): \"\(key)\" has an invalid path: \(error.description)")
                    }
                } else if case .string = map[key]! {
                    checkTemplate(text, node: i, field: field.spec.name, label: "\(label) \"\(key)\"")
                }
            }
        case .prompt:
            guard let name = value.stringValue else { return invalid("\(label) must be a file name") }
            if name.hasPrefix("/") || name.split(separator: "/").contains("..") {
                invalid("\(label) \"\(name)\" must be a file name inside the media folder's language folders")
            }
        }
    }

    private mutating func checkBranches(_ value: JSONValue, field: CatalogField, node i: Int) {
        let label = field.spec.label
        func invalid(_ detail: String) { add(.invalidParameter, node: i, field: field.spec.name, detail) }
        guard let entries = value.arrayValue else { return invalid("\(label) must be a list of conditions") }
        let operators = field.spec.options ?? BranchOperator.allCases.map(\.rawValue)
        let fixedOutcomes = types[i]?.spec.outcomes ?? []
        var names: [String] = []
        // One warning per unknown reference across all entries of the field.
        var referenceSeen: [Reference] = []
        func checkOnce(_ ref: Reference) {
            if referenceSeen.contains(ref) { return }
            referenceSeen.append(ref)
            checkReference(ref, node: i, field: field.spec.name, label: label)
        }
        for n in entries.indices {
            let entry = BranchEntry(entries[n])
            let entryName = entry.name?.stringValue ?? ""
            // Built only when there is something to say.
            var which: String {
                entryName.isEmpty ? "\(label) entry \(n + 1)" : "\(label) entry \(n + 1) (\"\(entryName)\")"
            }
            guard entry.isObject else {
                invalid("\(which) must have a name, a variable, an operator and a value")
                continue
            }
            if Self.isBlankText(entryName) {
                invalid("\(which) has no name; the name is the outcome to connect")
            } else if fixedOutcomes.contains(entryName) {
                invalid("\(which): \"\(entryName)\" is reserved for when no condition holds; choose another name")
            } else if names.contains(entryName) {
                invalid("\(which): the name \"\(entryName)\" is used by an earlier entry")
            } else {
                names.append(entryName)
            }
            let variable = Self.trimmed(entry.variable?.stringValue ?? "")
            if variable.isEmpty {
                invalid("\(which) has no variable to check")
            } else if branchVariableResolves(variable) {
                // Nothing to report.
            } else if let ref = Self.branchVariable(variable) {
                checkOnce(ref)
            } else {
                invalid("\(which): \"\(variable)\" is not a variable name or node output such as lookup.status")
            }
            let opText = entry.op?.stringValue ?? ""
            let op = BranchOperator(rawValue: opText)
            if opText.isEmpty {
                invalid("\(which) has no operator; use one of \(operators.joined(separator: ", "))")
            } else if op == nil || !operators.contains(opText) {
                invalid("\(which): \"\(opText)\" is not an operator; use one of \(operators.joined(separator: ", "))")
            }
            guard let raw = entry.value, raw != .null else { continue }
            guard let operand = Self.scalarText(raw) else {
                invalid("\(which): the value must be text or a number")
                continue
            }
            if case .clean(let hasReferences) = scanTemplate(operand) {
                if op == .matches, !hasReferences, !RegexCache.isValid(operand) {
                    invalid("\(which): \"\(operand)\" is not a valid regular expression")
                }
                continue
            }
            let template = Template(validating: operand)
            for problem in template.problems {
                invalid("\(which): the value is malformed: \(problem.description)")
            }
            for ref in template.references { checkOnce(ref) }
            if op == .matches, template.references.isEmpty, template.problems.isEmpty,
               !RegexCache.isValid(operand) {
                invalid("\(which): \"\(operand)\" is not a valid regular expression")
            }
        }
    }

    /// The four keys of a branch entry, read in one pass over the entry rather than
    /// one hash lookup each.
    struct BranchEntry {
        var isObject = false
        var name: JSONValue?
        var variable: JSONValue?
        var op: JSONValue?
        var value: JSONValue?

        init(_ entry: JSONValue) {
            guard case .object(let members) = entry else { return }
            isObject = true
            for (key, member) in members {
                switch key {
                case "name": name = member
                case "variable": variable = member
                case "op": op = member
                case "value": value = member
                default: continue
                }
            }
        }
    }

    /// A branch's variable is written `name`, `node.output` or `$(…)`.
    static func branchVariable(_ text: String) -> Reference? {
        var raw = Substring(text)
        if raw.hasPrefix("$("), raw.hasSuffix(")") { raw = raw.dropFirst(2).dropLast() }
        return Reference(validating: String(raw))
    }

    mutating func checkTemplate(_ text: String, node i: Int?, field: String, label: @autoclosure () -> String) {
        if case .clean = scanTemplate(text) { return }
        let template = Template(validating: text)
        for problem in template.problems {
            if let i {
                add(.invalidParameter, node: i, field: field, "\(label()) is malformed: \(problem.description)")
            } else {
                addFlow(.invalidParameter, field: field, "Flow settings: \(label()) is malformed: \(problem.description)")
            }
        }
        for ref in template.references {
            checkReference(ref, node: i, field: field, label: label())
        }
    }

    /// Text the runtime would put in the field: strings, and numbers or booleans typed
    /// without quotes. Nil for lists and objects.
    static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): return s
        case .number, .bool: return value.templateText
        default: return nil
        }
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return "\"\(s)\""
        case .array: return "(a list)"
        case .object: return "(an object)"
        default: return value.templateText
        }
    }

    /// A name usable as `$(name)`: no dots, brackets, parentheses, `$`, quotes or spaces.
    static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty, !name.utf8.contains(UInt8(ascii: "[")) else { return false }
        guard let ref = Reference(validating: name) else { return false }
        return ref.parts.count == 1
    }
}
