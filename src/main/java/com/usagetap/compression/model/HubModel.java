package com.usagetap.compression.model;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A model pinned to one commit of a hub repository, and the folder inside the repository that holds
 * its ONNX graph.
 *
 * <p>The values are validated by {@link ModelSource}: the repository id is {@code owner/name} over
 * a safe alphabet without {@code --} or {@code ..}, the revision is 40 hex digits and the subfolder
 * is a relative path of safe segments, so each can be put into a URL path and a file name as it is.
 *
 * @param hub base URL of the hub, without a trailing slash
 * @param repo repository id, {@code owner/name}
 * @param revision commit id, 40 lowercase hex digits
 * @param subfolder folder of the repository that holds the graph; empty for the root
 */
record HubModel(URI hub, String repo, String revision, Optional<String> subfolder) {

  /** Names the model by its settings, to start every message about it. */
  String label() {
    return "MODEL_REPO="
        + repo
        + " MODEL_REVISION="
        + revision
        + subfolder.map(folder -> " MODEL_SUBFOLDER=" + folder).orElse("");
  }

  /** The listing of every file at the revision, with sizes and hashes. */
  URI listingUri() {
    return URI.create(hub + "/api/models/" + repo + "/revision/" + revision + "?blobs=true");
  }

  /** Where the content of the file at {@code path} in the repository is served. */
  URI fileUri(String path) {
    return URI.create(hub + "/" + repo + "/resolve/" + revision + "/" + path);
  }

  /** Where a file of the model's folder sits in the repository. */
  String repoPath(String name) {
    return subfolder.map(folder -> folder + "/" + name).orElse(name);
  }

  /**
   * The cache folder of this revision: {@code owner--name/revision}, which is unambiguous because
   * repository ids may not contain {@code --}.
   */
  Path revisionFolder(Path cache) {
    return cache.resolve(repo.replace("/", "--")).resolve(revision);
  }

  /** The flat folder the model's files are downloaded to, one per subfolder of the revision. */
  Path modelFolder(Path cache) {
    Path revisionFolder = revisionFolder(cache);
    return subfolder.map(revisionFolder::resolve).orElse(revisionFolder);
  }
}
