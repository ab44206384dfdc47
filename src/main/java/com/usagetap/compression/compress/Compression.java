package com.usagetap.compression.compress;

/**
 * The outcome of compressing one text.
 *
 * @param text the compressed text, made only of characters of the input in their order
 * @param words how many words the input had
 * @param keptWords how many of them the output keeps
 * @param requiredWords how many could not be dropped (scorer rules and force tokens)
 * @param droppedByPhrase how many were removed by the tenant's drop phrases
 */
public record Compression(
    String text, int words, int keptWords, int requiredWords, int droppedByPhrase) {}
