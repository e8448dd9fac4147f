package dev.vch.vicmachine.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** What a command needs from its surroundings; tests pass their own. */
public record Context(PrintStream out, PrintStream err, Map<String, String> env, Path workingDir) {}
