import ArgumentParser
import FlowKit

// Exit codes are DESIGN §7's: 0 ok, 1 refused, 2 usage or environment. argument-parser
// would exit 64 on usage errors, so errors are mapped here.
CommandLineEntry.run()
