package com.usagetap.compression.model;

import com.usagetap.compression.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the LLMLingua-2 model comes from, read from the environment: a local folder, a revision of
 * a hub repository, or nowhere, in which case the service keeps its lexical scorer.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable<th>default<th>meaning
 *   <tr><td>{@code MODEL_DIR}<td>none<td>folder holding the {@link ModelFiles} layout
 *   <tr><td>{@code MODEL_REPO}<td>none<td>hub repository, {@code owner/name}
 *   <tr><td>{@code MODEL_REVISION}<td>none<td>commit id, 40 hex digits; required with the repo
 *   <tr><td>{@code MODEL_SUBFOLDER}<td>root<td>folder of the repository holding the graph
 *   <tr><td>{@code MODEL_HUB_URL}<td>{@code https://huggingface.co}<td>the hub
 *   <tr><td>{@code MODEL_CACHE_DIR}<td>{@code ${XDG_CACHE_HOME:-$HOME/.cache}/compression-origin/
 *       models}<td>where downloads are kept
 *   <tr><td>{@code HF_TOKEN}<td>none<td>bearer token for private or gated repositories
 * </table>
 *
 * <p>{@code MODEL_DIR} and {@code MODEL_REPO} exclude each other. The revision must be a commit id
 * because the cache is keyed by it and never asks the hub again: a branch or tag moves, and a copy
 * cached under its name would silently stay behind.
 */
public final class ModelSource {
  public static final String DEFAULT_HUB_URL = "https://huggingface.co";

  // The hub's own rule for repository ids, ASCII only; '--' and '..' are refused as the hub does,
  // which also keeps the cache folder name owner--name unambiguous.
  private static final Pattern REPO_PART =
      Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?");
  private static final Pattern REVISION = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern FOLDER_SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final Pattern HEADER_SAFE = Pattern.compile("[\\x21-\\x7e]+");

  private final Optional<Path> dir;
  private final Optional<Download> download;
  private final Optional<String> token;
  private final HubHttp.Options options;

  /** A hub revision and the cache it is kept in. */
  private record Download(HubModel model, Path cache) {}

  private ModelSource(
      Optional<Path> dir,
      Optional<Download> download,
      Optional<String> token,
      HubHttp.Options options) {
    this.dir = dir;
    this.download = download;
    this.token = token;
    this.options = options;
  }

  /**
   * Reads the model settings from an environment map, without touching the disk or the network.
   *
   * @throws ConfigException naming the variable and its value when one is malformed, or both
   *     variables when they conflict or one is missing its partner
   */
  public static ModelSource fromEnvironment(Map<String, String> env) {
    return fromEnvironment(env, HubHttp.Options.defaults());
  }

  static ModelSource fromEnvironment(Map<String, String> env, HubHttp.Options options) {
    Optional<String> dirValue = nonBlank(env, "MODEL_DIR");
    Optional<String> repo = nonBlank(env, "MODEL_REPO");
    Optional<String> revision = nonBlank(env, "MODEL_REVISION");
    Optional<String> subfolder = nonBlank(env, "MODEL_SUBFOLDER");
    URI hubUrl = hubUrl(nonBlank(env, "MODEL_HUB_URL").orElse(DEFAULT_HUB_URL));
    Optional<String> token = nonBlank(env, "HF_TOKEN");
    if (token.isPresent() && !HEADER_SAFE.matcher(token.get()).matches()) {
      // The value is a secret, so the message does not repeat it.
      throw new ConfigException("HF_TOKEN has characters an HTTP header cannot carry");
    }

    if (dirValue.isPresent() && repo.isPresent()) {
      throw new ConfigException(
          "MODEL_DIR="
              + dirValue.get()
              + " and MODEL_REPO="
              + repo.get()
              + " are both set; choose a local folder or a hub download");
    }
    if (repo.isEmpty() && revision.isPresent()) {
      throw new ConfigException("MODEL_REVISION=" + revision.get() + " is set without MODEL_REPO");
    }
    if (repo.isEmpty() && subfolder.isPresent()) {
      throw new ConfigException(
          "MODEL_SUBFOLDER=" + subfolder.get() + " is set without MODEL_REPO");
    }
    if (repo.isEmpty()) {
      Optional<Path> dir = dirValue.map(value -> path("MODEL_DIR", value));
      return new ModelSource(dir, Optional.empty(), token, options);
    }

    requireRepo(repo.get());
    String commit =
        revision.orElseThrow(
            () ->
                new ConfigException(
                    "MODEL_REPO="
                        + repo.get()
                        + " needs MODEL_REVISION, a 40-hex commit id: a branch or tag can move"
                        + " while the cached copy stays"));
    requireRevision(commit);
    subfolder.ifPresent(ModelSource::requireSubfolder);
    HubModel model = new HubModel(hubUrl, repo.get(), commit, subfolder);
    Download download = new Download(model, cacheDir(env));
    return new ModelSource(Optional.empty(), Optional.of(download), token, options);
  }

  /** Whether a model is configured, locally or on a hub. */
  public boolean isConfigured() {
    return dir.isPresent() || download.isPresent();
  }

  /**
   * The model's files, ready to load: the local folder checked, or the hub revision downloaded into
   * the cache unless a complete copy is there. Empty when no model is configured.
   *
   * @throws ConfigException naming the setting and the first failure: a missing or broken file, the
   *     hub's refusal or an unreachable hub, a download that does not match the hub's listing, or a
   *     cache folder that cannot be written
   */
  public Optional<ModelFiles> resolve() {
    if (dir.isPresent()) {
      return Optional.of(ModelFiles.validate(dir.get()));
    }
    if (download.isEmpty()) {
      return Optional.empty();
    }
    try (HubHttp http = new HubHttp(options, token)) {
      Download hub = download.get();
      return Optional.of(new HubDownloader(hub.cache(), http).fetch(hub.model()));
    }
  }

  /**
   * The model's name as {@code /health} reports it: the folder's name for {@code MODEL_DIR}, {@code
   * owner/name@revision} (the revision cut to 12 digits) for a hub model, or {@code none}.
   */
  public String name() {
    if (dir.isPresent()) {
      Path name = dir.get().toAbsolutePath().normalize().getFileName();
      return name == null ? dir.get().toString() : name.toString();
    }
    return download
        .map(hub -> hub.model().repo() + "@" + hub.model().revision().substring(0, 12))
        .orElse("none");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ModelSource that
        && dir.equals(that.dir)
        && download.equals(that.download)
        && token.equals(that.token)
        && options.equals(that.options);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(dir, download, token, options);
  }

  /** The settings in use, for a start-up log line; never the token. */
  @Override
  public String toString() {
    if (dir.isPresent()) {
      return "MODEL_DIR=" + dir.get();
    }
    return download
        .map(hub -> hub.model().label() + " MODEL_HUB_URL=" + hub.model().hub())
        .orElse("no model");
  }

  private static void requireRepo(String repo) {
    String[] parts = repo.split("/", -1);
    boolean valid =
        parts.length == 2
            && REPO_PART.matcher(parts[0]).matches()
            && REPO_PART.matcher(parts[1]).matches()
            && !repo.contains("--")
            && !repo.contains("..");
    if (!valid) {
      throw new ConfigException(
          "MODEL_REPO="
              + repo
              + " is not a repository id owner/name of letters, digits, '_', '-' and '.'"
              + " (no '--' or '..', at most 96 characters each)");
    }
  }

  private static void requireRevision(String revision) {
    if (!REVISION.matcher(revision).matches()) {
      throw new ConfigException(
          "MODEL_REVISION="
              + revision
              + " is not a 40-character lowercase hex commit id; pin a commit, since a branch or"
              + " tag can move while the cached copy stays");
    }
  }

  private static void requireSubfolder(String subfolder) {
    for (String segment : subfolder.split("/", -1)) {
      if (!FOLDER_SEGMENT.matcher(segment).matches()) {
        throw new ConfigException(
            "MODEL_SUBFOLDER="
                + subfolder
                + " is not a relative path of names made of letters, digits, '_', '-' and '.'"
                + " (not starting with '.')");
      }
    }
  }

  private static URI hubUrl(String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new ConfigException("MODEL_HUB_URL=" + value + " is not a URL", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean valid =
        (scheme.equals("http") || scheme.equals("https"))
            && uri.getHost() != null
            && uri.getRawUserInfo() == null
            && uri.getRawQuery() == null
            && uri.getRawFragment() == null;
    if (!valid) {
      throw new ConfigException(
          "MODEL_HUB_URL="
              + value
              + " is not an absolute http or https URL without credentials, query or fragment");
    }
    return URI.create(value.replaceAll("/+$", ""));
  }

  /**
   * {@code MODEL_CACHE_DIR}, or the XDG cache folder; the XDG base directory specification says a
   * relative {@code XDG_CACHE_HOME} is invalid and must be ignored.
   */
  private static Path cacheDir(Map<String, String> env) {
    Optional<String> explicit = nonBlank(env, "MODEL_CACHE_DIR");
    if (explicit.isPresent()) {
      return path("MODEL_CACHE_DIR", explicit.get()).toAbsolutePath();
    }
    Optional<Path> xdg =
        nonBlank(env, "XDG_CACHE_HOME")
            .map(value -> path("XDG_CACHE_HOME", value))
            .filter(Path::isAbsolute);
    Optional<Path> base =
        xdg.or(() -> nonBlank(env, "HOME").map(home -> path("HOME", home).resolve(".cache")));
    return base.map(folder -> folder.resolve("compression-origin").resolve("models"))
        .orElseThrow(
            () ->
                new ConfigException(
                    "MODEL_CACHE_DIR is not set, and neither is XDG_CACHE_HOME or HOME to put the"
                        + " cache under"));
  }

  private static Path path(String name, String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new ConfigException(name + "=" + value + " is not a valid path", e);
    }
  }

  private static Optional<String> nonBlank(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
