package com.usagetap.compression.structure;

/**
 * How one request treats the structure of its texts.
 *
 * @param names the section names protected for the request (defaults plus the tenant's)
 * @param toon when JSON segments become TOON
 * @param toonMinJsonTokens the smallest JSON, in tokens of its minified form, that {@link
 *     ToonMode#AUTO} converts
 * @param toonMinSavingsRatio the share of the minified JSON's tokens that TOON must save for {@link
 *     ToonMode#AUTO} to convert, in [0, 1)
 * @param transform whether the loss-free rewrites apply: the prose whitespace rule, JSON
 *     minification and TOON. Without it only the verbatim rules apply, for callers that expect
 *     every character they did not ask to compress back unchanged.
 */
public record StructureOptions(
    ProtectedNames names,
    ToonMode toon,
    int toonMinJsonTokens,
    double toonMinSavingsRatio,
    boolean transform) {}
