package io.ragplatform.api;

/**
 * The checks the resources make of their query parameters, so that each is made one way with one 400 answer
 * ({@code invalid_request}) wherever the parameter appears.
 */
final class Params {
    private Params() {}

    /** {@code value} as given, or a 400 saying that the query parameter {@code name} is required. */
    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("invalid_request", "the query parameter '" + name + "' is required");
        }
        return value;
    }

    /** {@code value} stripped, or null when it is absent or blank (an optional filter not given). */
    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** {@code value} as an int, or a 400 saying that {@code name} must be an integer. */
    static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw notAnInteger(name, value);
        }
    }

    /** {@code value} as a long, null when it is absent or blank, or a 400 saying that {@code name} must be an integer. */
    static Long optionalLong(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw notAnInteger(name, value);
        }
    }

    /** The {@code limit} of a listing, or a 400 when it is not between 1 and {@code max}. */
    static int limit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw ApiException.badRequest("invalid_request", "limit must be between 1 and " + max);
        }
        return limit;
    }

    private static ApiException notAnInteger(String name, String value) {
        return ApiException.badRequest("invalid_request", name + " must be an integer; was '" + value + "'");
    }
}
