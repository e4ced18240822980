package io.jcdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcdk.cli.Guide.Command;
import io.jcdk.cli.Guide.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuideTest {

  @TempDir
  Path dir;

  @Test
  void readsShellLinesSqlScriptsFilesAndTheOutputTheyShow() throws IOException {
    Path md = Files.writeString(dir.resolve("guide.md"), """
        # A guide

        ```shell
        # a comment
        ./jcdk demo \\
            --rows 300
        ```

        ```output
        jcdk demo: …
        ```

        ```sql
        CREATE ROLE airbyte LOGIN;
        GRANT USAGE ON SCHEMA shop TO airbyte;
        ```

        ```sql norun
        GRANT rds_replication TO airbyte;
        ```

        ```json cdc-source.json
        {"port": 5432}
        ```

        ```java
        System.exit(0);
        ```
        """);

    List<Command> commands = Guide.read(md).commands();

    assertThat(commands).extracting(Command::kind).containsExactly(Kind.SHELL, Kind.SQL, Kind.FILE);
    assertThat(commands.get(0)).satisfies(c -> {
      assertThat(c.text()).isEqualTo("./jcdk demo --rows 300");
      assertThat(c.line()).isEqualTo(5);
      assertThat(c.expectedOutput()).containsExactly("jcdk demo: …");
    });
    assertThat(commands.get(1).text()).isEqualTo("CREATE ROLE airbyte LOGIN;\nGRANT USAGE ON SCHEMA shop TO airbyte;\n");
    assertThat(commands.get(1).line()).isEqualTo(14);
    assertThat(commands.get(2)).satisfies(c -> {
      assertThat(c.file()).isEqualTo("cdc-source.json");
      assertThat(c.text()).isEqualTo("{\"port\": 5432}\n");
    });
  }

  @Test
  void outputShowsExpectedLinesInOrderWithEllipsesForAnyText() {
    List<String> output = List.of("start", "{\"status\":\"FAILED\",\"message\":\"The slot is missing. The role lacks REPLICATION.\"}",
        "end");

    assertThat(Guide.shows(output, List.of("\"FAILED\"…slot is missing.", "… The role lacks REPLICATION.", "end"))).isTrue();
    assertThat(Guide.shows(output, List.of("end", "start"))).as("order").isFalse();
    assertThat(Guide.shows(output, List.of("REPLICATION…slot"))).as("order within a line").isFalse();
    assertThat(Guide.shows(output, List.of("SUCCEEDED"))).isFalse();
  }
}
