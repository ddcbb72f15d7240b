import FlowKit

/// The node palette: catalog types grouped by category, filtered by what the user types.
/// Voice-only types are offered only in voice flows (elsewhere they are invalid).
public struct PaletteModel: Sendable {
    public enum Row: Equatable, Sendable {
        case category(String)
        case type(NodeType)
    }

    public let catalog: NodeCatalog
    public let kind: FlowKind
    public private(set) var filter = ""
    public private(set) var rows: [Row] = []
    /// Index into `rows`; always a `.type` row when any exists.
    public private(set) var selection = 0

    public init(catalog: NodeCatalog = .standard, kind: FlowKind) {
        self.catalog = catalog
        self.kind = kind
        rebuild()
    }

    public var selectedType: NodeType? {
        guard rows.indices.contains(selection), case .type(let t) = rows[selection] else { return nil }
        return t
    }

    public mutating func setFilter(_ text: String) {
        filter = text
        rebuild()
    }

    public mutating func moveSelection(_ delta: Int) {
        let typeRows = rows.indices.filter { if case .type = rows[$0] { return true } else { return false } }
        guard let current = typeRows.firstIndex(of: selection) ?? typeRows.first.map({ _ in 0 }) else { return }
        let next = max(0, min(typeRows.count - 1, current + delta))
        selection = typeRows[next]
    }

    /// Selects the type named `type`, if it is listed.
    public mutating func select(type: String) {
        if let i = rows.firstIndex(where: { if case .type(let t) = $0 { return t.type == type } else { return false } }) {
            selection = i
        }
    }

    private mutating func rebuild() {
        let q = filter.lowercased()
        rows = []
        for category in catalog.categories {
            let types = catalog.types(inCategory: category).filter { t in
                (kind == .voice || !t.voiceOnly)
                    && (q.isEmpty || t.title.lowercased().contains(q) || t.type.contains(q)
                        || t.description.lowercased().contains(q))
            }
            guard !types.isEmpty else { continue }
            rows.append(.category(category))
            rows.append(contentsOf: types.map(Row.type))
        }
        selection = rows.firstIndex { if case .type = $0 { return true } else { return false } } ?? 0
    }
}
