package dev.vch.vicmachine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "update", description = "Changes settings of the target.", subcommands = FirewallCommand.class)
final class UpdateCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "update needs a subcommand: firewall");
  }
}
