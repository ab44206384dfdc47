import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Load on the origin alone and through the edge Worker in front of it, under plain workerd, under
 * {@code wrangler dev} or both, with the Worker's added latency from the same run; and through a
 * bare forwarder on plain workerd, the floor under the Worker's added latency on this machine.
 *
 * <p>Run {@code bench/load/run.sh} from the repository root, which starts the servers and passes
 * their URLs. See bench/README.md.
 */
public final class LoadBench {
  static final String TARGET_LINE =
      "Targets: the Worker adds at most 1 ms at p50 and 5 ms at p99; no errors other than"
          + " deliberate 429s";
  static final double TARGET_P50_MS = 1.0;
  static final double TARGET_P99_MS = 5.0;
  static final int ESTIMATE_CHARS = 400;
  static final int COMPRESS_CHARS = 8_000;
  // `tokens` in an estimate's answer, `original_tokens` in a compression's.
  private static final Pattern TOKENS = Pattern.compile("\"(?:original_)?tokens\"\\s*:\\s*(\\d+)");

  private LoadBench() {}

  public static void main(String[] args) throws Exception {
    LoadOptions options = Options.parseOrExit(args, LoadOptions::parse, LoadOptions.USAGE);
    LoadReport.Machine atStart = LoadReport.Machine.now();
    List<Payload> mix = mix();
    List<Integer> tokens = preflight(options, mix);
    LoadRun.Result result = new LoadRun(options, mix).run();
    String markdown =
        new LoadReport(
                options, mix, tokens, new LoadFigures(result), atStart, LoadReport.Machine.now())
            .toMarkdown();
    System.out.println(markdown);
    Files.createDirectories(options.out().toAbsolutePath().getParent());
    Files.writeString(options.out(), markdown, StandardCharsets.UTF_8);
    System.err.println("wrote " + options.out());
  }

  /**
   * A small token estimate, where the Worker's fixed cost per request shows, and a prompt of about
   * 1,800 tokens to compress, where reading and checking a body of some kilobytes adds to it.
   */
  static List<Payload> mix() {
    String question = ProseGenerator.generate(ESTIMATE_CHARS);
    byte[] estimate = ("{\"text\":" + Json.quote(question) + "}").getBytes(StandardCharsets.UTF_8);
    return List.of(
        new Payload("POST /tokens/estimate", "/tokens/estimate", estimate, 0),
        new Payload(
            "POST /compress",
            "/compress",
            Bench.compressBody(ProseGenerator.generate(COMPRESS_CHARS)),
            0));
  }

  /**
   * Sends each payload once to each side and requires the same 200 answer from all, so the run
   * measures forwarding and not a refusal or an answer of the Worker's own; returns the tokens the
   * origin counted in each payload.
   */
  private static List<Integer> preflight(LoadOptions options, List<Payload> mix)
      throws IOException, InterruptedException {
    HttpClient http = Bench.newClient();
    List<Integer> tokens = new ArrayList<>();
    for (Payload payload : mix) {
      String direct = answer(http, options, LoadSide.ORIGIN, payload);
      for (LoadSide side : options.workerSides()) {
        if (!direct.equals(answer(http, options, side, payload))) {
          throw new IllegalStateException(
              payload.name() + ": the answer of the " + side.label + " differs from the origin's");
        }
      }
      tokens.add(Bench.lastInt(TOKENS, direct));
    }
    return tokens;
  }

  private static String answer(HttpClient http, LoadOptions options, LoadSide side, Payload payload)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(LoadRun.request(options, side, payload), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          payload.name() + " " + side.label + ": HTTP " + response.statusCode());
    }
    return response.body();
  }

  static void log(String message) {
    System.err.println("[load] " + message);
  }
}
