package dev.vch.vicmachine.cli;

import dev.vch.vicmachine.engine.Connect;
import dev.vch.vicmachine.engine.Target;
import dev.vch.vsphere.api.VsphereClient;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/** Base of the subcommands: access to the context, and --debug. */
public abstract class AbstractCommand implements Callable<Integer> {

  Context context;

  @Option(names = "--debug", paramLabel = "LEVEL", description = "debug level 0-3 (default: 0)", defaultValue = "0")
  String debug;

  protected PrintStream out() {
    return context.out();
  }

  protected PrintStream err() {
    return context.err();
  }

  protected VsphereClient connect(Target target) {
    return Connect.to(target);
  }

  @Override
  public final Integer call() {
    return run().code();
  }

  protected abstract ExitCode run();
}
