// imrsearch: the command-line entry point. Thin: it hands the arguments to `CommandLineTool`
// in the library and exits with the status it returns.
import IMRSearch

#if canImport(Glibc)
    import Glibc
#endif

exit(CommandLineTool.run(Array(CommandLine.arguments.dropFirst())))
