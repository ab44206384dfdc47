package com.usagetap.compression.model;

import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feeds a response body to a {@link HubHttp.Sink} buffer by buffer, counting the bytes so that a
 * stall can be told from a slow transfer, and refusing a body longer than the limit.
 *
 * <p>Once {@link #abandon()} returns, the sink is written no more: a cancelled exchange may still
 * deliver buffers, and the next attempt resets the same sink.
 */
final class SinkSubscriber implements BodySubscriber<Long> {
  private final HubHttp.Sink sink;
  private final long maxBytes;
  private final CompletableFuture<Long> result = new CompletableFuture<>();
  private final AtomicLong received = new AtomicLong();
  private Flow.Subscription subscription;
  private boolean abandoned;

  SinkSubscriber(HubHttp.Sink sink, long maxBytes) {
    this.sink = sink;
    this.maxBytes = maxBytes;
  }

  long received() {
    return received.get();
  }

  /** Stops writing to the sink and cancels the transfer. */
  synchronized void abandon() {
    abandoned = true;
    if (subscription != null) {
      subscription.cancel();
    }
  }

  @Override
  public CompletionStage<Long> getBody() {
    return result;
  }

  @Override
  public synchronized void onSubscribe(Flow.Subscription newSubscription) {
    subscription = newSubscription;
    if (abandoned) {
      newSubscription.cancel();
      return;
    }
    newSubscription.request(1);
  }

  @Override
  public synchronized void onNext(List<ByteBuffer> buffers) {
    if (abandoned) {
      return;
    }
    try {
      for (ByteBuffer buffer : buffers) {
        long total = received.get() + buffer.remaining();
        if (total > maxBytes) {
          refuse(
              new BodyRefused("the response is longer than the " + maxBytes + " bytes expected"));
          return;
        }
        sink.write(buffer);
        received.set(total);
      }
    } catch (IOException e) {
      refuse(new BodyRefused("cannot be written: " + e.getMessage()));
      return;
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable failure) {
    result.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    result.complete(received.get());
  }

  private void refuse(BodyRefused reason) {
    abandoned = true;
    subscription.cancel();
    result.completeExceptionally(reason);
  }

  /** The body cannot be taken: too long, or the sink failed. Not worth another attempt. */
  static final class BodyRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BodyRefused(String message) {
      super(message);
    }
  }
}
