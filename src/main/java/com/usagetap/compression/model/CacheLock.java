package com.usagetap.compression.model;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exclusive use of one cache folder, across processes and across threads of this one.
 *
 * <p>Between processes it is an operating-system lock on a file beside the folder ({@link
 * FileChannel#lock()}), which the system releases when the holder exits, even by a crash, so no
 * stale lock survives a killed download. The JVM holds such locks for the whole process and throws
 * when a second channel of the same process asks for one, so threads first take a lock of their own
 * per lock file. The lock file itself is left in place: deleting it would let two processes lock
 * two different files of the same name.
 */
final class CacheLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CacheLock.class);
  private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final ReentrantLock threadLock;
  private final FileChannel channel;
  private final FileLock fileLock;

  private CacheLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
    this.threadLock = threadLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /** Takes the lock, waiting for as long as another holder keeps it. */
  static CacheLock acquire(Path lockFile) throws IOException {
    Path key = lockFile.toAbsolutePath().normalize();
    ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(key, path -> new ReentrantLock());
    threadLock.lock();
    FileChannel channel = null;
    try {
      Files.createDirectories(key.getParent());
      channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock fileLock = channel.tryLock();
      if (fileLock == null) {
        LOG.info(
            "waiting for another process to finish the model download", kv("lock", key.toString()));
        fileLock = channel.lock();
      }
      return new CacheLock(threadLock, channel, fileLock);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      threadLock.unlock();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      fileLock.release();
      channel.close();
    } finally {
      threadLock.unlock();
    }
  }
}
