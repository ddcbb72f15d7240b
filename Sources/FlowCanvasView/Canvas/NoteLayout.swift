import FlowKit
import TerminalUI

/// A note laid out for the canvas: its Markdown parsed into styled characters, word-wrapped
/// to at most `maxTextWidth` cells, and the box that holds it (two cells of padding left
/// and right, a border all round). Computed once per document change.
struct NoteLayout {
    static let maxTextWidth = 32

    struct StyledChar {
        var character: Character
        var attributes: TextAttributes
    }

    let id: String
    let node: String?
    let rect: GridRect
    let lines: [[StyledChar]]

    init(_ note: FlowNote) {
        id = note.id
        node = note.node
        var chars: [StyledChar] = []
        for span in MarkdownSpans.parse(note.text) {
            for ch in span.text { chars.append(StyledChar(character: ch, attributes: span.attributes)) }
        }
        lines = Self.wrap(chars, width: Self.maxTextWidth)
        let textWidth = max(1, lines.map(Self.width).max() ?? 0)
        rect = GridRect(x: note.x, y: note.y, width: textWidth + 4, height: lines.count + 2)
    }

    static func width(_ line: [StyledChar]) -> Int {
        line.reduce(0) { $0 + DisplayWidth.of($1.character) }
    }

    /// Greedy word wrap that keeps each character's attributes; hard newlines break lines,
    /// words wider than a line are split.
    static func wrap(_ chars: [StyledChar], width: Int) -> [[StyledChar]] {
        var lines: [[StyledChar]] = []
        var paragraph: [StyledChar] = []
        func wrapParagraph() {
            var line: [StyledChar] = [], lineWidth = 0
            var word: [StyledChar] = [], wordWidth = 0
            // The space before a word keeps its own attributes, so a link stays underlined across words.
            var space = StyledChar(character: " ", attributes: [])
            func placeWord() {
                guard !word.isEmpty else { return }
                if lineWidth > 0, lineWidth + 1 + wordWidth > width {
                    lines.append(line); line = []; lineWidth = 0
                }
                if lineWidth > 0 { line.append(space); lineWidth += 1 }
                for ch in word {
                    let w = DisplayWidth.of(ch.character)
                    if lineWidth + w > width { lines.append(line); line = []; lineWidth = 0 }
                    line.append(ch); lineWidth += w
                }
                word = []; wordWidth = 0
            }
            for ch in paragraph {
                if ch.character == " " { placeWord(); space = ch } else { word.append(ch); wordWidth += DisplayWidth.of(ch.character) }
            }
            placeWord()
            lines.append(line)
        }
        for ch in chars {
            if ch.character == "\n" { wrapParagraph(); paragraph = [] } else { paragraph.append(ch) }
        }
        wrapParagraph()
        return lines
    }
}
