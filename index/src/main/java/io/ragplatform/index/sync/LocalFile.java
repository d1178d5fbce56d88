package io.ragplatform.index.sync;

import java.nio.file.Path;

/** A source file readable on local disk for as long as it is open. */
public interface LocalFile extends AutoCloseable {
    Path path();

    @Override
    void close();
}
