package io.ragplatform.api;

import io.ragplatform.error.ErrorCategory;
import io.ragplatform.error.RagException;
import java.util.Optional;

/** An error the REST layer raises itself (a bad parameter, an unknown ID); mapped like every {@link RagException}. */
public final class ApiException extends RagException {
    public ApiException(String code, ErrorCategory category, String message) {
        super(code, category, message);
    }

    public ApiException(String code, ErrorCategory category, String message, Throwable cause) {
        super(code, category, message, cause);
    }

    /** 404 {@code not_found}: {@code what} names the missing thing. */
    static ApiException notFound(String what) {
        return new ApiException("not_found", ErrorCategory.NOT_FOUND, what);
    }

    /** The value, or a 404 {@code not_found} naming the missing thing. */
    static <T> T found(Optional<T> value, String what) {
        return value.orElseThrow(() -> notFound(what));
    }

    /** 400 with {@code code}: the caller's input is wrong. */
    static ApiException badRequest(String code, String message) {
        return new ApiException(code, ErrorCategory.INVALID_INPUT, message);
    }
}
