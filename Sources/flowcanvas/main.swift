import FlowCLI

// Everything (parsing, DESIGN §7's exit codes, error lines) lives in FlowCLI.
CommandLineEntry.run()
