import Testing
@testable import TerminalUI

@Suite struct TerminalUIPlaceholder {}
