import ArgumentParser
import FlowKit

struct FlowCanvasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "flowcanvas")
    func run() throws {
        print("flowcanvas: \(NodeCatalog.standard.types.count) node types")
    }
}
FlowCanvasCommand.main()
