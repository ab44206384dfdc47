package com.usagetap.compression.structure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names of sections whose wording is a contract, and how a heading or a tag name is matched
 * against them.
 *
 * <p>Names, headings and tag names are compared in a normal form: lower case, every run of
 * characters that are not letters or digits turned into one space, trimmed. A heading matches when
 * a name occurs in its normal form as whole words ({@code "Output Format (JSON)"} matches {@code
 * output format}; {@code "Outputs"} does not match {@code output}). A tag name matches only when it
 * is a name ({@code <output_format>} is {@code output format}).
 */
public final class ProtectedNames {
  /** The names protected for every request. */
  public static final List<String> DEFAULTS =
      List.of(
          "output format",
          "response format",
          "format",
          "schema",
          "contract",
          "api",
          "interface",
          "ui",
          "constraints");

  private final Set<String> names;

  private ProtectedNames(Set<String> names) {
    this.names = names;
  }

  /** The defaults plus {@code extra} (a tenant's headings); blank entries are ignored. */
  public static ProtectedNames withExtra(List<String> extra) {
    Set<String> names = new LinkedHashSet<>();
    for (String name : DEFAULTS) {
      names.add(normalize(name));
    }
    for (String name : extra) {
      String normal = normalize(name);
      if (!normal.isEmpty()) {
        names.add(normal);
      }
    }
    return new ProtectedNames(Set.copyOf(names));
  }

  boolean matchesHeading(String heading) {
    String padded = " " + normalize(heading) + " ";
    for (String name : names) {
      if (padded.contains(" " + name + " ")) {
        return true;
      }
    }
    return false;
  }

  boolean matchesTag(String tagName) {
    return names.contains(normalize(tagName));
  }

  static String normalize(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isLetterOrDigit(c)) {
        if (pendingSpace && !out.isEmpty()) {
          out.append(' ');
        }
        pendingSpace = false;
        out.appendCodePoint(c);
      } else {
        pendingSpace = true;
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /** The normal forms, for tests and diagnostics. */
  List<String> names() {
    return new ArrayList<>(names);
  }
}
