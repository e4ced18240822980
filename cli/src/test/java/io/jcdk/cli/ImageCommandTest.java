package io.jcdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCommandTest {

  @TempDir
  Path dir;

  @Test
  void anImageIsOneWordWithASlashOrColonThatIsNoFile() throws IOException {
    assertThat(ImageCommand.looksLikeImage("jcdk/source-postgres:dev")).isTrue();
    assertThat(ImageCommand.looksLikeImage("postgres:16")).isTrue();
    assertThat(ImageCommand.looksLikeImage("java -jar source-postgres/target/source-postgres.jar")).isFalse();
    assertThat(ImageCommand.looksLikeImage("my-connector")).isFalse();
    Path script = Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\n");
    assertThat(ImageCommand.looksLikeImage(script.toString())).as("an existing file is a command").isFalse();
  }

  @Test
  void theCurrentDirectoryIsMountedWritableAndOtherFilesDirectoriesReadOnlyAtTheSamePaths() {
    Path cwd = dir.resolve("project");
    Path configs = dir.resolve("configs");
    List<String> argv = ImageCommand.dockerRun("jcdk/source-postgres:dev", "jcdk-sync-1", cwd,
        List.of(cwd.resolve("source.json"), configs.resolve("a.json"), configs.resolve("b.json"),
            configs.resolve("nested/c.json")));

    assertThat(argv).startsWith("docker", "run", "--rm", "-i", "--name", "jcdk-sync-1", "--network", "host", "--user")
        .containsSequence("-v", cwd + ":" + cwd, "-w", cwd.toString())
        .endsWith("jcdk/source-postgres:dev");
    assertThat(argv.stream().filter(w -> w.endsWith(":ro")).toList()).as("one mount for configs/ and what it holds")
        .containsExactly(configs + ":" + configs + ":ro");
    assertThat(argv.get(argv.indexOf("--user") + 1)).matches("\\d+:\\d+");
  }
}
