package dev.vch.vicmachine.cli;

import picocli.CommandLine.Command;

@Command(name = "version", description = "Prints the version of vic-machine.")
final class VersionCommand extends AbstractCommand {
  @Override
  protected ExitCode run() {
    out().println("vic-machine version " + Version.current());
    return ExitCode.OK;
  }
}
