import Foundation

/// A `$(…)` reference: `name` (custom or set variable) or `node.output[.deeper…]`.
public struct Reference: Hashable, Sendable, CustomStringConvertible {
    /// Dot-separated parts as written, e.g. ["lookup", "body", "items[0]", "sku"].
    public var parts: [String]

    public init(parts: [String]) { self.parts = parts }

    public init(_ raw: String) {
        self.parts = raw.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    public var raw: String { parts.joined(separator: ".") }
    public var description: String { "$(\(raw))" }
}

public struct ExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    /// Character offset in the source where the problem was found, if known.
    public var position: Int?

    public init(_ message: String, position: Int? = nil) {
        self.message = message
        self.position = position
    }

    public var description: String {
        if let position { return "\(message) (at character \(position + 1))" }
        return message
    }
}

/// Looks up a reference's value at run time (nil: unknown / unset).
public typealias ReferenceLookup = (Reference) -> JSONValue?
