package com.usagetap.compression.model;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds the operating-system lock on a file from a process of its own, as a second instance of the
 * service would: it prints {@code locked} once it has the lock and releases it when its standard
 * input closes.
 */
final class LockHolder {
  private LockHolder() {}

  static void main(String[] args) throws IOException {
    try (FileChannel channel =
            FileChannel.open(
                Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        var _ = channel.lock()) {
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() >= 0) {
        // Nothing is expected on standard input; its end is the signal.
      }
    }
  }
}
