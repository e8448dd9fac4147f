package dev.vch.vicmachine.engine;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Undo steps of a create, run newest first when the create fails. */
final class Rollback {

  private static final Logger log = LoggerFactory.getLogger(Rollback.class);

  /** One undo step. */
  @FunctionalInterface
  interface Undo {
    void run() throws Exception;
  }

  private record Step(String what, Undo undo) {}

  private final Deque<Step> steps = new ArrayDeque<>();

  void push(String what, Undo undo) {
    steps.push(new Step(what, undo));
  }

  /** Runs every undo step; reports but survives failures of single steps. Returns how many failed. */
  int run(PrintStream out) {
    int failed = 0;
    while (!steps.isEmpty()) {
      Step s = steps.pop();
      try {
        s.undo().run();
        out.println("  removed " + s.what());
      } catch (Exception e) {
        failed++;
        out.println("  FAILED to remove " + s.what() + ": " + e.getMessage());
        log.debug("undo of {} failed", s.what(), e);
      }
    }
    return failed;
  }
}
