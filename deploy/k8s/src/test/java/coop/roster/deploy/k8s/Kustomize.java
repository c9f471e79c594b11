package coop.roster.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Renders a kustomization with whatever Kustomize this machine has, in this order: the binary named by
 * {@code -Droster.kustomize} or {@code ROSTER_KUSTOMIZE} (a kustomize or a kubectl), {@code kustomize}
 * on the PATH, {@code kubectl} on the PATH, then the kubectl {@code ./roster test} fetches into the
 * cache folder. Never skips: without one, it fails and says how to get one.
 */
final class Kustomize {

  /** Overlays use Kustomize components and label options that need Kustomize 5. */
  private static final int MINIMUM_MAJOR = 5;

  private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)");

  private final List<String> command;
  private final String description;

  private Kustomize(List<String> command, String description) {
    this.command = command;
    this.description = description;
  }

  static Kustomize find(Path cacheDir) {
    List<Path> candidates = new ArrayList<>();
    Optional.ofNullable(System.getProperty("roster.kustomize")).or(() -> Optional.ofNullable(System.getenv("ROSTER_KUSTOMIZE")))
        .filter(s -> !s.isBlank()).map(Path::of).ifPresent(candidates::add);
    onPath("kustomize").ifPresent(candidates::add);
    onPath("kubectl").ifPresent(candidates::add);
    candidates.add(cacheDir.resolve("kubectl").resolve("kubectl"));
    List<String> refused = new ArrayList<>();
    for (Path candidate : candidates) {
      if (!Files.isExecutable(candidate)) {
        continue;
      }
      boolean kubectl = candidate.getFileName().toString().startsWith("kubectl");
      List<String> versionCommand = kubectl
          ? List.of(candidate.toString(), "version", "--client")
          : List.of(candidate.toString(), "version");
      String versionOutput;
      try {
        versionOutput = run(versionCommand);
      } catch (IllegalStateException e) {
        refused.add(candidate + " (" + e.getMessage() + ")");
        continue;
      }
      Matcher version = VERSION.matcher(kubectl ? after(versionOutput, "Kustomize Version") : versionOutput);
      if (!version.find() || Integer.parseInt(version.group(1)) < MINIMUM_MAJOR) {
        refused.add(candidate + " (Kustomize " + (version.hitEnd() ? "version unknown" : version.group()) + ", need v"
            + MINIMUM_MAJOR + " or newer)");
        continue;
      }
      List<String> render = kubectl ? List.of(candidate.toString(), "kustomize") : List.of(candidate.toString(), "build");
      return new Kustomize(render, candidate + " (Kustomize " + version.group() + ")");
    }
    throw new IllegalStateException("""
        No Kustomize to render deploy/k8s with%s. Any of these works:
          - run the tests with ./roster test, which fetches kubectl (it embeds Kustomize) into %s/kubectl/;
          - put kustomize (v%d or newer) or kubectl on the PATH;
          - name one with -Droster.kustomize=/path/to/kustomize-or-kubectl (or ROSTER_KUSTOMIZE)."""
        .formatted(refused.isEmpty() ? "" : " (refused: " + String.join("; ", refused) + ")", cacheDir, MINIMUM_MAJOR));
  }

  /** The rendered YAML of {@code kustomization} (a folder holding a kustomization.yaml). */
  String build(Path kustomization) {
    List<String> full = new ArrayList<>(command);
    full.add(kustomization.toString());
    return run(full);
  }

  @Override
  public String toString() {
    return description;
  }

  private static String after(String text, String marker) {
    int at = text.indexOf(marker);
    return at < 0 ? "" : text.substring(at);
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(java.io.File.pathSeparator)).filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
  }

  private static String run(List<String> command) {
    try {
      Path errors = Files.createTempFile("kustomize", ".err");
      try {
        Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
          process.destroyForcibly();
          throw new IllegalStateException(String.join(" ", command) + " did not finish within 2 minutes");
        }
        if (process.exitValue() != 0) {
          throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(errors).strip());
        }
        return new String(out, StandardCharsets.UTF_8);
      } finally {
        Files.deleteIfExists(errors);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
