/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Striped, lossy ring buffers that record reads so that the access order can be updated later,
 * in a batch, under the eviction lock, instead of taking a lock on every read.
 * <p>
 * Each thread writes to the stripe its identity hashes to. When a stripe is full, further reads
 * recorded there are dropped until it is drained: the LRU order is then approximate, which is
 * the price of reads that never block. A single thread never loses a read, because it drains as
 * soon as its stripe fills, so single-threaded use keeps the exact LRU order.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class ReadBuffer<K, V> {

	/** Reads a stripe holds; a read that fills it asks for a drain. */
	static final int STRIPE_CAPACITY = 16;

	private static final int STRIPE_MASK = STRIPE_CAPACITY - 1;

	private static final int STRIPES = Math.min(16,
			Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 4 - 1) << 1);

	private final AtomicReferenceArray<Node<K, V>> buffer = new AtomicReferenceArray<>(STRIPES * STRIPE_CAPACITY);

	private final AtomicLongArray writes = new AtomicLongArray(STRIPES);

	private final AtomicLongArray reads = new AtomicLongArray(STRIPES);

	/**
	 * Record a read of {@code node}.
	 * @return {@code true} if the stripe is now full and should be drained
	 */
	boolean offer(Node<K, V> node) {
		int stripe = System.identityHashCode(Thread.currentThread()) & (STRIPES - 1);
		long write = this.writes.get(stripe);
		long pending = write - this.reads.get(stripe);
		if (pending >= STRIPE_CAPACITY) {
			return true;
		}
		if (this.writes.compareAndSet(stripe, write, write + 1)) {
			this.buffer.lazySet(stripe * STRIPE_CAPACITY + (int) (write & STRIPE_MASK), node);
			return pending + 1 >= STRIPE_CAPACITY;
		}
		return false;
	}

	/**
	 * Hand every recorded read, oldest first per stripe, to {@code consumer}. Called under the
	 * eviction lock.
	 */
	void drainTo(Consumer<Node<K, V>> consumer) {
		for (int stripe = 0; stripe < STRIPES; stripe++) {
			long read = this.reads.get(stripe);
			long write = this.writes.get(stripe);
			for (; read < write; read++) {
				int index = stripe * STRIPE_CAPACITY + (int) (read & STRIPE_MASK);
				Node<K, V> node = this.buffer.get(index);
				if (node == null) {
					break;
				}
				this.buffer.lazySet(index, null);
				consumer.accept(node);
			}
			this.reads.lazySet(stripe, read);
		}
	}

}
