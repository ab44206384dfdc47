package com.usagetap.compression.model;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.usagetap.compression.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a model pinned to a commit from a Hugging Face-style hub into a local cache, once.
 *
 * <p>The protocol is the hub's own, as {@code huggingface_hub} uses it: the listing of the revision
 * with {@code ?blobs=true} gives every file's size and hash ({@link HubListing}), and {@code
 * /{repo}/resolve/{revision}/{path}} serves each file, LFS files through a redirect to a CDN
 * ({@link HubHttp}). Every file is checked against the listing before it is used: LFS files by the
 * SHA-256 of their content, others by their git blob id.
 *
 * <p>The files of a revision go to {@code {cache}/{owner}--{name}/{revision}/}, or a folder below
 * it named after {@code MODEL_SUBFOLDER}, flat whatever their place in the repository. Each is
 * streamed into {@code .{name}.part} beside its final name while it is hashed, forced to disk, and
 * renamed into place only once it matches; {@link CacheManifest} is written last. A folder with a
 * matching manifest is used without any request. Without one, the download was interrupted: files
 * already in place are kept when their hashes still match the listing, and only the others are
 * fetched again.
 *
 * <p>Two processes starting together take turns through a {@link CacheLock} on {@code
 * {revision}.lock}: the second waits, then finds the manifest and downloads nothing. A lock was
 * chosen over downloading into a private folder and renaming it into place, because with a rename
 * both processes would fetch the 1–2 GB and one copy would be thrown away, and an interrupted
 * download could not be resumed. The operating system drops the lock of a process that dies, so
 * none outlives a crash. Locks may be ignored on some network file systems; the cache belongs on a
 * local disk.
 */
final class HubDownloader {
  private static final Logger LOG = LoggerFactory.getLogger(HubDownloader.class);
  private static final long MAX_LISTING_BYTES = 64L << 20;

  private final Path cache;
  private final HubHttp http;

  HubDownloader(Path cache, HubHttp http) {
    this.cache = cache;
    this.http = http;
  }

  /**
   * The model's folder in the cache, downloaded first unless a complete copy is there.
   *
   * @throws ConfigException naming the model and the first failure: the hub's answer, a file
   *     missing from the listing or not matching it, the cache not writable, or a file of the
   *     layout that {@link ModelFiles} refuses
   */
  ModelFiles fetch(HubModel model) {
    Path folder = model.modelFolder(cache);
    Optional<ModelFiles> cached = cached(model, folder);
    if (cached.isPresent()) {
      return cached.get();
    }

    Path lockFile = model.revisionFolder(cache).resolveSibling(model.revision() + ".lock");
    try (var _ = CacheLock.acquire(lockFile)) {
      // The previous holder of the lock may have just completed this very folder.
      cached = cached(model, folder);
      if (cached.isPresent()) {
        return cached.get();
      }
      return download(model, folder);
    } catch (IOException e) {
      throw new ConfigException(
          model.label() + ": the cache folder " + folder + " cannot be written: " + e, e);
    }
  }

  private Optional<ModelFiles> cached(HubModel model, Path folder) {
    Optional<CacheManifest> manifest = CacheManifest.read(folder);
    if (manifest.isEmpty() || !manifest.get().isCompleteFor(model, folder)) {
      return Optional.empty();
    }
    ModelFiles files = ModelFiles.validate(folder, source(model, folder));
    LOG.info("model found in cache", kv("model_dir", folder.toString()));
    return Optional.of(files);
  }

  private ModelFiles download(HubModel model, Path folder) throws IOException {
    long started = System.nanoTime();
    Files.createDirectories(folder);
    CacheManifest.delete(folder);
    deleteLeftovers(folder);

    ByteSink listing = new ByteSink();
    http.get(model.listingUri(), model.label(), "the file listing", MAX_LISTING_BYTES, listing);
    List<HubFile> files = HubListing.select(listing.bytes(), model);

    List<CacheManifest.Entry> entries = new ArrayList<>();
    long bytes = 0;
    for (HubFile file : files) {
      entries.add(place(model, folder, file));
      bytes += file.size();
    }

    // The manifest promises a usable folder, so the layout is checked before it is written.
    ModelFiles validated = ModelFiles.validate(folder, source(model, folder));
    CacheManifest.of(model, entries).write(folder);
    LOG.info(
        "model downloaded",
        kv("model_dir", folder.toString()),
        kv("files", files.size()),
        kv("bytes", bytes),
        kv("elapsed_ms", elapsedMillis(started)));
    return validated;
  }

  /** Puts one verified file in the folder, keeping a copy left by an interrupted download. */
  private CacheManifest.Entry place(HubModel model, Path folder, HubFile file) throws IOException {
    Path target = folder.resolve(file.name());
    if (Files.isRegularFile(target) && Files.size(target) == file.size()) {
      ContentDigest digest = ContentDigest.of(target, file);
      if (file.mismatch(digest).isEmpty()) {
        LOG.info(
            "model file kept from an earlier download",
            kv("file", file.path()),
            kv("bytes", digest.size()),
            kv("sha256", digest.sha256()));
        return entry(file, digest);
      }
    }
    Files.deleteIfExists(target);

    long started = System.nanoTime();
    Path part = folder.resolve("." + file.name() + ".part");
    try {
      ContentDigest digest;
      try (FileChannel channel =
          FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileSink sink = new FileSink(channel, file);
        http.get(model.fileUri(file.path()), model.label(), file.path(), file.size(), sink);
        channel.force(true);
        digest = sink.digest;
      }
      Optional<String> mismatch = file.mismatch(digest);
      if (mismatch.isPresent()) {
        throw new ConfigException(
            model.label() + ": " + file.path() + " does not match the listing: " + mismatch.get());
      }
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      LOG.info(
          "model file downloaded",
          kv("file", file.path()),
          kv("bytes", digest.size()),
          kv("sha256", digest.sha256()),
          kv("elapsed_ms", elapsedMillis(started)));
      return entry(file, digest);
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /** Removes what a process that died mid-download left; only the lock holder writes here. */
  private static void deleteLeftovers(Path folder) throws IOException {
    try (DirectoryStream<Path> parts = Files.newDirectoryStream(folder, ".*.part")) {
      for (Path part : parts) {
        Files.deleteIfExists(part);
      }
    }
  }

  private static CacheManifest.Entry entry(HubFile file, ContentDigest digest) {
    return new CacheManifest.Entry(file.name(), file.path(), digest.size(), digest.sha256());
  }

  private static String source(HubModel model, Path folder) {
    return model.label() + " (cached in " + folder + ")";
  }

  private static long elapsedMillis(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  /** Writes a file and digests it in the same pass. */
  private static final class FileSink implements HubHttp.Sink {
    private final FileChannel channel;
    private final HubFile file;
    private ContentDigest digest;

    FileSink(FileChannel channel, HubFile file) {
      this.channel = channel;
      this.file = file;
      this.digest = new ContentDigest(file);
    }

    @Override
    public void reset() throws IOException {
      channel.truncate(0);
      channel.position(0);
      digest = new ContentDigest(file);
    }

    @Override
    public void write(ByteBuffer bytes) throws IOException {
      digest.update(bytes);
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }
  }

  /** Holds a small response, such as the listing, in memory. */
  private static final class ByteSink implements HubHttp.Sink {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void reset() {
      bytes.reset();
    }

    @Override
    public void write(ByteBuffer buffer) {
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      bytes.write(chunk, 0, chunk.length);
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }
}
