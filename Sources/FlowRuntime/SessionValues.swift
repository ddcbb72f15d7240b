import FlowKit

/// Resolves `$(…)` references against a session's state (DESIGN §3, §10):
/// - `$(name)`: a plain variable (custom variable or set-variables assignment);
/// - `$(node.output)`: an output a node recorded; deeper parts (`$(lookup.body.items[0].sku)`)
///   walk into the JSON value with `JSONPath`;
/// - `$(name.deeper)` where `name` is a variable holding JSON walks into that value.
/// Anything unknown is nil (templates render it as the empty string).
enum SessionValues {
    static func lookup(_ reference: Reference, variables: [String: JSONValue],
                       outputs: [String: [String: JSONValue]], system: SystemValueContext? = nil) -> JSONValue? {
        let parts = reference.parts
        guard let first = parts.first, !first.isEmpty else { return nil }
        // As the validator reads it: a node or variable named `system` keeps its own values.
        if let system, let v = SystemValue.named(parts), outputs[first] == nil, variables[first] == nil {
            return system.value(v)
        }
        if parts.count == 1 {
            if let value = variables[first] { return value }
            let (name, index) = splitIndex(first)
            guard let value = variables[name] else { return nil }
            return index.isEmpty ? value : JSONPath.lookup(index, in: value)
        }
        if let recorded = outputs[first] {
            if parts.count == 2, let value = recorded[parts[1]] { return value }
            let (name, index) = splitIndex(parts[1])
            guard let value = recorded[name] else { return nil }
            return descend(value, index: index, rest: parts.dropFirst(2))
        }
        let (name, index) = splitIndex(first)
        guard let value = variables[name] else { return nil }
        return descend(value, index: index, rest: parts.dropFirst(1))
    }

    private static func descend(_ value: JSONValue, index: String, rest: ArraySlice<String>) -> JSONValue? {
        if index.isEmpty && rest.isEmpty { return value }
        var path = index
        for part in rest {
            if !path.isEmpty { path.append(".") }
            path.append(part)
        }
        return JSONPath.lookup(path, in: value)
    }

    /// "items[0]" → ("items", "[0]"); "body" → ("body", "").
    private static func splitIndex(_ part: String) -> (String, String) {
        guard let bracket = part.utf8.firstIndex(of: UInt8(ascii: "[")) else { return (part, "") }
        return (String(part[..<bracket]), String(part[bracket...]))
    }

    /// The single reference a template consists of, if it is exactly `$(…)` (so an
    /// assignment or parser source can keep a JSON value instead of its text).
    static func soleReference(in template: String) -> Reference? {
        let trimmed = template.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("$("), trimmed.hasSuffix(")") else { return nil }
        let inner = trimmed.dropFirst(2).dropLast()
        guard !inner.isEmpty, !inner.contains("("), !inner.contains(")") else { return nil }
        return Reference(String(inner).trimmingCharacters(in: .whitespaces))
    }
}
