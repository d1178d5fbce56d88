package io.ragplatform.eval.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** What the tests of an embedded store share: a fresh warehouse each test, and a store open on it. */
abstract class LocalStoreTest {
    @TempDir
    Path warehouse;

    /** Open on {@link #warehouse}; a test may close it and open another, which is closed after it. */
    EvalStore store;

    @BeforeEach
    void open() {
        store = EvalStores.local(warehouse);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }
}
