package dev.vch.vicmachine.cli;

import dev.vch.vsphere.api.VsphereException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The vic-machine command line. {@link #run} is the in-process entry point tests use. */
@Command(name = "vic-machine", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
    description = "Installs and manages Virtual Container Hosts on vCenter or ESXi.",
    subcommands = {CreateCommand.class, LsCommand.class, InspectCommand.class, DeleteCommand.class,
        UpdateCommand.class, ConfigureCommand.class, DebugCommand.class, UpgradeCommand.class, VersionCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  public static int run(PrintStream out, PrintStream err, String... args) {
    return run(new Context(out, err, System.getenv(), Path.of("").toAbsolutePath()), args);
  }

  public static int run(Context ctx, String... args) {
    CommandLine cli = new CommandLine(new Main(), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        K k = CommandLine.defaultFactory().create(cls);
        if (k instanceof AbstractCommand c) {
          c.context = ctx;
        }
        return k;
      }
    });
    cli.setOut(new PrintWriter(ctx.out(), true));
    cli.setErr(new PrintWriter(ctx.err(), true));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      String command = commandLine.getCommandName();
      ctx.err().println("vic-machine " + command + " failed: " + e.getMessage());
      if (e instanceof VsphereException v && v.kind() == VsphereException.Kind.CERTIFICATE && v.thumbprint() != null) {
        ctx.err().println("If the thumbprint is the one you expect, trust it with --thumbprint=" + v.thumbprint());
      }
      ExitCode code = ExitCode.of(e);
      if (code == ExitCode.FAILURE && !(e instanceof RuntimeException)) {
        e.printStackTrace(ctx.err());
      }
      return code.code();
    });
    cli.setParameterExceptionHandler((ex, args1) -> {
      ctx.err().println("vic-machine: " + ex.getMessage());
      ex.getCommandLine().usage(ctx.err());
      return ExitCode.USAGE.code();
    });
    return cli.execute(args);
  }
}
