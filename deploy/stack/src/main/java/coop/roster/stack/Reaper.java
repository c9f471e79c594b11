package coop.roster.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes sure no child outlives this JVM, even when it is killed with SIGKILL and its shutdown
 * hooks never run: a small shell process watches this JVM and, once it is gone, stops every child
 * still listed in its folder.
 */
final class Reaper {

  private static final String SCRIPT = """
      parent=$1; dir=$2
      # A dead parent may stay a zombie where PID 1 does not reap (containers): that counts as gone.
      while kill -0 "$parent" 2>/dev/null && ! grep -qs '^State:[[:space:]]*Z' "/proc/$parent/status"; do sleep 1; done
      pids=$(cat "$dir"/*.pid 2>/dev/null)
      for pid in $pids; do pkill -TERM -P "$pid" 2>/dev/null; kill -TERM "$pid" 2>/dev/null; done
      for i in $(seq 1 20); do
        alive=""; for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive="$alive $pid"; done
        [ -z "$alive" ] && break; sleep 1
      done
      for pid in $pids; do kill -KILL "$pid" 2>/dev/null; done
      rm -rf "$dir"
      """;

  private static Reaper instance;

  private final Path folder;

  private Reaper(Path folder) {
    this.folder = folder;
  }

  static synchronized Reaper instance() {
    if (instance == null) {
      try {
        Path folder = Files.createTempDirectory("roster-children-");
        new ProcessBuilder(ChildProcess.ownSession(List.of("sh", "-c", SCRIPT, "reaper",
            Long.toString(ProcessHandle.current().pid()), folder.toString())))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        instance = new Reaper(folder);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the child-process reaper", e);
      }
    }
    return instance;
  }

  void watch(String name, long pid) {
    try {
      Files.writeString(folder.resolve(pid + ".pid"), Long.toString(pid));
    } catch (IOException e) {
      throw new UncheckedIOException("could not record " + name + "'s pid", e);
    }
  }

  void forget(long pid) {
    try {
      Files.deleteIfExists(folder.resolve(pid + ".pid"));
    } catch (IOException e) {
      // the reaper only tries to stop what is already stopped
    }
  }
}
