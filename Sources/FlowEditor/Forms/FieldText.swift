import FlowKit

/// How structured config values (maps, branch lists) are edited as plain text lines in
/// the node form, and read back with errors a person can act on.
public enum FieldText {
    /// `name = value` per line, keys sorted (as the canonical export orders them).
    public static func mapText(_ value: JSONValue?) -> String {
        guard let object = value?.objectValue else { return "" }
        return object.keys.sorted().map { "\($0) = \(object[$0]?.displayText ?? "")" }.joined(separator: "\n")
    }

    /// Parses `name = value` lines; blank lines are skipped. The error names the line.
    public static func parseMap(_ text: String) -> Result<[String: JSONValue], FieldTextError> {
        var out: [String: JSONValue] = [:]
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard let eq = line.firstIndex(of: "=") else {
                return .failure(FieldTextError(line: i + 1, message: "line \(i + 1): expected \"name = value\""))
            }
            let name = line[..<eq].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                return .failure(FieldTextError(line: i + 1, message: "line \(i + 1): the name before \"=\" is empty"))
            }
            guard out[name] == nil else {
                return .failure(FieldTextError(line: i + 1, message: "line \(i + 1): \"\(name)\" is given twice"))
            }
            out[name] = .string(value)
        }
        return .success(out)
    }

    /// `name | variable | op | value` per branch, in order.
    public static func branchesText(_ value: JSONValue?) -> String {
        guard let list = value?.arrayValue else { return "" }
        return list.map { b in
            ["name", "variable", "op", "value"].map { b[$0]?.displayText ?? "" }.joined(separator: " | ")
        }.joined(separator: "\n")
    }

    /// Parses branch lines; `value` may be left out (for `is-empty`). `operators` are the
    /// catalog's allowed ops.
    public static func parseBranches(_ text: String, operators: [String]) -> Result<[JSONValue], FieldTextError> {
        var out: [JSONValue] = []
        var names: Set<String> = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let parts = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3 || parts.count == 4 else {
                return .failure(FieldTextError(line: i + 1, message: "line \(i + 1): expected \"name | variable | op | value\""))
            }
            guard !parts[0].isEmpty else {
                return .failure(FieldTextError(line: i + 1, message: "line \(i + 1): the branch has no name"))
            }
            guard names.insert(parts[0]).inserted else {
                return .failure(FieldTextError(line: i + 1, message: "line \(i + 1): branch \"\(parts[0])\" is given twice"))
            }
            guard operators.isEmpty || operators.contains(parts[2]) else {
                return .failure(FieldTextError(
                    line: i + 1, message: "line \(i + 1): unknown operator \"\(parts[2])\" (one of \(operators.joined(separator: " ")))"))
            }
            out.append(.object(["name": .string(parts[0]), "variable": .string(parts[1]), "op": .string(parts[2]),
                                "value": .string(parts.count == 4 ? parts[3] : "")]))
        }
        return .success(out)
    }

    /// A number as typed, checked against the field's limits.
    public static func parseNumber(_ text: String, min: Double?, max: Double?) -> Result<Double, FieldTextError> {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let n = Double(t), n.isFinite else {
            return .failure(FieldTextError(line: 1, message: "\"\(t)\" is not a number"))
        }
        if let min, n < min { return .failure(FieldTextError(line: 1, message: "must be at least \(JSONValue.number(min).displayText)")) }
        if let max, n > max { return .failure(FieldTextError(line: 1, message: "must be at most \(JSONValue.number(max).displayText)")) }
        return .success(n)
    }
}

public struct FieldTextError: Error, Equatable, Sendable {
    public var line: Int
    public var message: String
}
