import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.usagetap.compression.structure.EmbeddedJson;
import com.usagetap.compression.structure.ProtectedNames;
import com.usagetap.compression.structure.Segment;
import com.usagetap.compression.structure.SegmentKind;
import com.usagetap.compression.structure.Segmenter;
import com.usagetap.compression.tokens.TokenCounter;
import com.usagetap.compression.tokens.Tokenizers;
import com.usagetap.compression.toon.ToonEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Tokens of JSON as written, minified and as TOON, on the shared corpus: the six JSON files, and
 * every JSON segment the origin finds in the corpus texts and chat messages. Writes a Markdown
 * report (default bench/results/toon.md) from which the TOON_MIN_* defaults are chosen.
 *
 * <p>Run from the repository root after {@code ./mvnw -q -DskipTests package}: {@code java -cp
 * 'target/origin.jar:target/lib/*' bench/toon/ToonBench.java [corpus-dir] [report]}.
 */
public final class ToonBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Row(
      String source, int pretty, int minified, int toon, int prettyCl, int minCl, int toonCl) {
    double savingO200k() {
      return 1.0 - (double) toon / minified;
    }

    double savingCl100k() {
      return 1.0 - (double) toonCl / minCl;
    }
  }

  public static void main(String[] args) throws IOException {
    Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus");
    Path report = Path.of(args.length > 1 ? args[1] : "bench/results/toon.md");
    Tokenizers tokenizers = new Tokenizers();
    TokenCounter o200k = tokenizers.forModel("gpt-4o");
    TokenCounter cl100k = tokenizers.cl100k();

    List<Row> files = new ArrayList<>();
    for (Path file : list(corpus.resolve("json"))) {
      row("json/" + file.getFileName(), Files.readString(file), o200k, cl100k)
          .ifPresent(files::add);
    }
    List<Row> segments = new ArrayList<>();
    ProtectedNames names = ProtectedNames.withExtra(List.of());
    for (String folder : List.of("text", "messages")) {
      for (Path file : list(corpus.resolve(folder))) {
        for (String text : texts(file)) {
          for (Segment s : Segmenter.segment(text, names).segments()) {
            if (s.kind() == SegmentKind.JSON) {
              String label = folder + "/" + file.getFileName() + " @" + s.start();
              row(label, text.substring(s.start(), s.end()), o200k, cl100k)
                  .ifPresent(segments::add);
            }
          }
        }
      }
    }

    StringBuilder md = new StringBuilder();
    md.append("# JSON, minified JSON and TOON on the corpus\n\n");
    md.append("Tokens counted with o200k_base (gpt-4o) and cl100k_base (gpt-4). Saving is TOON")
        .append(
            " against minified JSON: 1 - toon / minified. Written by"
                + " `bench/toon/ToonBench.java`.\n\n");
    table(md, "The corpus JSON files", files);
    table(md, "JSON segments found in the corpus texts and messages", segments);
    Files.createDirectories(report.getParent());
    Files.writeString(report, md.toString(), StandardCharsets.UTF_8);
    System.out.print(md);
  }

  private static void table(StringBuilder md, String title, List<Row> rows) {
    md.append("## ").append(title).append("\n\n");
    if (rows.isEmpty()) {
      md.append("None.\n\n");
      return;
    }
    md.append(
        "| source | pretty | minified | TOON | saving | pretty cl100k | minified cl100k | TOON"
            + " cl100k | saving cl100k |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %d | %.1f%% | %d | %d | %d | %.1f%% |%n",
              r.source(),
              r.pretty(),
              r.minified(),
              r.toon(),
              100 * r.savingO200k(),
              r.prettyCl(),
              r.minCl(),
              r.toonCl(),
              100 * r.savingCl100k()));
    }
    md.append('\n');
  }

  private static java.util.Optional<Row> row(
      String source, String text, TokenCounter o200k, TokenCounter cl100k) {
    return EmbeddedJson.parse(text.strip())
        .filter(json -> !json.hasDuplicateKeys() && !json.hasLoneSurrogates())
        .map(
            json -> {
              String minified = json.minified();
              String toon = ToonEncoder.encode(json.value());
              return new Row(
                  source,
                  o200k.count(text),
                  o200k.count(minified),
                  o200k.count(toon),
                  cl100k.count(text),
                  cl100k.count(minified),
                  cl100k.count(toon));
            });
  }

  /** The texts a corpus file holds: a text file's content, or every string of a chat request. */
  private static List<String> texts(Path file) throws IOException {
    String content = Files.readString(file);
    if (!file.toString().endsWith(".json")) {
      return List.of(content);
    }
    List<String> strings = new ArrayList<>();
    collect(JSON.readTree(content), strings);
    return strings;
  }

  private static void collect(JsonNode node, List<String> into) {
    if (node.isTextual()) {
      into.add(node.textValue());
    }
    node.forEach(child -> collect(child, into));
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
