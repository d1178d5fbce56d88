package io.ragplatform.index;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A rebuild listener that holds a model-change rebuild after its copy until {@link #proceed} opens, and marks the swap. */
final class PausingRebuild implements RebuildListener {
    final CountDownLatch copied = new CountDownLatch(1);
    final CountDownLatch proceed = new CountDownLatch(1);
    final CountDownLatch swapped = new CountDownLatch(1);

    @Override
    public void copied(RebuildStatus status) {
        copied.countDown();
        try {
            proceed.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void swapped(RebuildStatus status) {
        swapped.countDown();
    }
}
