package io.ragplatform.index;

/** Told about a model-change rebuild's phases, on the rebuilding thread. */
public interface RebuildListener {
    /** The copy phase is done; writes are still going to the old index. */
    default void copied(RebuildStatus status) {}

    /** The new index is in service. */
    default void swapped(RebuildStatus status) {}

    default void failed(RebuildStatus status, Exception error) {}

    RebuildListener NONE = new RebuildListener() {};
}
