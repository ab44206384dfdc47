package com.usagetap.compression.lingua;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ONNX Runtime 1.29.0 crashes the JVM when the command line is longer than about 4 KB, which a
 * container's classpath easily is; the version pinned here must not. The model is loaded and run in
 * a forked JVM whose classpath is padded well past that length.
 */
class LongCommandLineTest {
  @Test
  void onnxRuntimeRunsUnderACommandLineLongerThanEightKilobytes() throws Exception {
    StringBuilder classpath = new StringBuilder(System.getProperty("java.class.path"));
    for (int i = 0; classpath.length() < 9_000; i++) {
      classpath
          .append(File.pathSeparator)
          .append("/nonexistent/padding/directory/for/a/long/command/line/entry-")
          .append(i);
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path model = TinyModels.dir(TinyModels.WORDPIECE).resolve("model.onnx").toAbsolutePath();
    List<String> command =
        List.of(
            java.toString(),
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            classpath.toString(),
            OnnxSmokeMain.class.getName(),
            model.toString());
    assertThat(String.join(" ", command).length()).isGreaterThan(8_000);

    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean finished = process.waitFor(120, TimeUnit.SECONDS);
    String output = read(process);
    if (!finished) {
      process.destroyForcibly();
    }
    assertThat(finished).as("forked JVM finished").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("scored 4 positions");
  }

  private static String read(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
