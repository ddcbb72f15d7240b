import Foundation

/// One column value as both backends store it, for copying tables the store does not own
/// (the runtime's) verbatim between backends (`StoreTransaction.forEachRow`, `insertRows`).
public enum StoreValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}
