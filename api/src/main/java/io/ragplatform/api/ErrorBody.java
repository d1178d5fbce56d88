package io.ragplatform.api;

/** The body of every error response: a stable machine code and a sentence saying what and why. */
public record ErrorBody(String error, String message) {}
