package com.usagetap.compression.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.usagetap.compression.config.ConfigException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Picks the model's files out of the hub's listing of a revision.
 *
 * <p>The listing is the answer of {@code GET /api/models/{repo}/revision/{revision}?blobs=true}: an
 * object whose {@code siblings} array has one entry per file, {@code {"rfilename", "size",
 * "blobId", "lfs": {"sha256", "size"}}}, {@code lfs} only for files stored with Git LFS. The files
 * are those of the {@link ModelFiles} layout, taken from the model's subfolder. The tokenizer and
 * configuration files may instead sit at the repository root, where exports for transformers.js
 * keep them while the graphs go to {@code onnx/}; the graph and its external data never do, since
 * ONNX finds the data file relative to the graph.
 */
final class HubListing {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");

  private HubListing() {}

  /**
   * The files to download, required ones first.
   *
   * @throws ConfigException naming the model when the listing is not JSON, is of another commit,
   *     lacks a required file or gives a file without a usable size and hash
   */
  static List<HubFile> select(byte[] listing, HubModel model) {
    Map<String, JsonNode> siblings = siblings(listing, model);
    List<HubFile> files = new ArrayList<>();
    for (String name : ModelFiles.REQUIRED) {
      files.add(
          find(siblings, name, model)
              .orElseThrow(
                  () ->
                      new ConfigException(
                          model.label()
                              + ": the repository has no "
                              + String.join(" or ", candidates(model, name)))));
    }
    for (String name : ModelFiles.OPTIONAL) {
      find(siblings, name, model).ifPresent(files::add);
    }
    for (String name : ModelFiles.EXTERNAL_DATA) {
      find(siblings, name, model).ifPresent(files::add);
    }
    return List.copyOf(files);
  }

  private static Map<String, JsonNode> siblings(byte[] listing, HubModel model) {
    JsonNode root;
    try {
      root = JSON.readTree(listing);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new ConfigException(model.label() + ": the file listing is not valid JSON" + where, e);
    } catch (IOException e) {
      throw new ConfigException(model.label() + ": the file listing cannot be read", e);
    }
    if (root == null || !root.isObject() || !root.path("siblings").isArray()) {
      throw new ConfigException(model.label() + ": the file listing has no siblings array");
    }

    // Asked for by commit id, the hub answers for that commit; anything else is not this model.
    String sha = root.path("sha").asText(model.revision());
    if (!sha.equals(model.revision())) {
      throw new ConfigException(model.label() + ": the hub listed commit " + sha + " instead");
    }

    Map<String, JsonNode> byPath = new HashMap<>();
    for (JsonNode sibling : root.path("siblings")) {
      JsonNode path = sibling.path("rfilename");
      if (path.isTextual()) {
        byPath.put(path.asText(), sibling);
      }
    }
    return byPath;
  }

  private static Optional<HubFile> find(
      Map<String, JsonNode> siblings, String name, HubModel model) {
    for (String path : candidates(model, name)) {
      JsonNode sibling = siblings.get(path);
      if (sibling != null) {
        return Optional.of(file(sibling, path, name, model));
      }
    }
    return Optional.empty();
  }

  /** Repository paths where a file of the model folder may be, in order of preference. */
  private static List<String> candidates(HubModel model, String name) {
    String inFolder = model.repoPath(name);
    boolean graph = name.equals(ModelFiles.MODEL) || ModelFiles.EXTERNAL_DATA.contains(name);
    return graph || inFolder.equals(name) ? List.of(inFolder) : List.of(inFolder, name);
  }

  private static HubFile file(JsonNode sibling, String path, String name, HubModel model) {
    JsonNode lfs = sibling.path("lfs");
    if (lfs.isObject()) {
      String sha256 = lfs.path("sha256").asText("");
      long size = lfs.path("size").asLong(-1);
      if (!SHA256.matcher(sha256).matches() || size < 0) {
        throw unusable(path, model);
      }
      return new HubFile(path, name, size, Optional.of(sha256), "");
    }
    String blobId = sibling.path("blobId").asText("");
    long size = sibling.path("size").asLong(-1);
    if (!SHA1.matcher(blobId).matches() || size < 0) {
      throw unusable(path, model);
    }
    return new HubFile(path, name, size, Optional.empty(), blobId);
  }

  private static ConfigException unusable(String path, HubModel model) {
    return new ConfigException(
        model.label() + ": the file listing gives no usable size and hash for " + path);
  }
}
