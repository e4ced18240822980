package io.jcdk.benchmarks.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The connectors as a user runs them, one process per command, against the reference a user would
 * measure them by, in the same rounds (see {@link Rounds}):
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.jcdk.benchmarks.process.ProcessBenchmark &lt;path&gt; [options]
 *
 *   full-refresh  source-postgres read (full refresh) ÷ psql's COPY (SELECT …) TO STDOUT
 *                 --rows 1000000 --shape narrow|wide
 *   cdc           source-postgres read (CDC) ÷ pg_recvlogical (pgoutput) over the same WAL
 *                 --rows 1000000 --tx-rows 1000
 *                 [--debezium]  (Debezium embedded, {@link DebeziumCdc}, as a third side, its JVM with default flags)
 *   kvdb          destination-kvdb write ÷ the bulk-load loop (KvdbWriteBenchmark load) as a process
 *                 --rows 1000000
 *   startup       spec and check of both connectors (with --baseline-jar or --baseline-flags only)
 *
 * options: --rounds 5 --java &lt;java&gt; --jvm-flag &lt;flag&gt; (repeatable) --jar &lt;connector jar&gt;
 *          --image &lt;image&gt; (instead of the jar) --pg-bin /usr/lib/postgresql/15/bin
 *          --baseline-jar &lt;jar&gt; (the reference is the same command with another build of the connector)
 *          --baseline-flag &lt;flag&gt; (repeatable: the reference is the same jar with other JVM flags)
 *          --baseline-java &lt;java&gt; (the reference runs on another JDK)
 *          --baseline-image &lt;image&gt; (the reference is the same command in another image)
 * </pre>
 *
 * Stdout goes to /dev/null on every side. Every figure is printed per round on stderr, and the
 * summary (min / median / max of connector rate ÷ reference rate, wall, CPU and peak RSS of each
 * side; one line per reference) on stdout.
 */
public final class ProcessBenchmark {

  private ProcessBenchmark() {}

  /** The parsed command line. */
  record Options(String path, long rows, long txRows, String shape, int rounds, Launcher launcher,
      Launcher baseline, Path pgBin, boolean debezium, Path workDir) {

    String referenceName(String reference) {
      return baseline == null ? reference : "baseline";
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: ProcessBenchmark full-refresh|cdc|kvdb|startup [options]");
    }
    String path = args[0];
    long rows = 1_000_000;
    long txRows = 1_000;
    String shape = "narrow";
    int rounds = 5;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String baselineJava = null;
    List<String> flags = new ArrayList<>();
    List<String> baselineFlags = null;
    Path jar = null;
    Path baselineJar = null;
    String baselineImage = null;
    String image = null;
    Path pgBin = Path.of("/usr/lib/postgresql/15/bin");
    boolean debezium = false;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[++i]);
        case "--tx-rows" -> txRows = Long.parseLong(args[++i]);
        case "--shape" -> shape = args[++i];
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--java" -> java = args[++i];
        case "--baseline-java" -> baselineJava = args[++i];
        case "--jvm-flag" -> flags.add(args[++i]);
        case "--baseline-flag" -> {
          if (baselineFlags == null) {
            baselineFlags = new ArrayList<>();
          }
          baselineFlags.add(args[++i]);
        }
        case "--jar" -> jar = Path.of(args[++i]);
        case "--baseline-jar" -> baselineJar = Path.of(args[++i]);
        case "--baseline-image" -> baselineImage = args[++i];
        case "--image" -> image = args[++i];
        case "--pg-bin" -> pgBin = Path.of(args[++i]);
        case "--debezium" -> debezium = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    // Open to all: an image runs as its own user (uid 1000), which must read the files and may write there.
    Path work = Files.createTempDirectory("jcdk-process-bench", PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwxrwxrwx")));
    if (jar == null) {
      String module = path.equals("kvdb") ? "destination-kvdb" : "source-postgres";
      jar = Path.of(module, "target", module + ".jar").toAbsolutePath();
    }
    Launcher launcher = new Launcher(java, List.copyOf(flags), jar, image, work);
    Launcher baseline = null;
    if (baselineJar != null || baselineFlags != null || baselineJava != null || baselineImage != null) {
      baseline = new Launcher(baselineJava == null ? java : baselineJava,
          baselineFlags == null ? List.copyOf(flags) : List.copyOf(baselineFlags),
          baselineJar == null ? jar : baselineJar, baselineImage, work);
    }
    Options options = new Options(path, rows, txRows, shape, rounds, launcher, baseline, pgBin, debezium, work);
    System.out.printf("%s, %d rounds; connector: %s%s%n", path, rounds, launcher.describe(),
        baseline == null ? "" : "; baseline: " + baseline.describe());
    try {
      switch (path) {
        case "full-refresh" -> PostgresRounds.fullRefresh(options);
        case "cdc" -> PostgresRounds.cdc(options);
        case "kvdb" -> KvdbRounds.write(options);
        case "startup" -> PostgresRounds.startup(options);
        default -> throw new IllegalArgumentException("unknown path " + path);
      }
    } finally {
      new ProcessBuilder("rm", "-rf", work.toString()).start().waitFor();
    }
  }
}
