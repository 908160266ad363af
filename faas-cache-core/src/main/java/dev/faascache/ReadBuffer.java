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
 * Each thread writes to the stripe its identity hashes to. When a stripe is full, or another
 * thread is writing to it at the same moment, the read is not recorded: the LRU order is then
 * approximate, which is the price of reads that never block. A single thread never loses a read,
 * because it drains as soon as its stripe fills, so single-threaded use keeps the exact LRU order.
 * <p>
 * The count of reads each stripe recorded doubles as the cache's hit count, so that a hit costs
 * one compare-and-set in all. The counters of different stripes, and their slots, lie on
 * different cache lines, so that threads on different stripes do not slow each other down.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class ReadBuffer<K, V> {

	/** The read was recorded. */
	static final int RECORDED = 0;

	/** The read was recorded and filled its stripe, which should be drained. */
	static final int RECORDED_FULL = 1;

	/** The read was not recorded: its stripe was full or in use by another thread. */
	static final int DROPPED = 2;

	/** Reads a stripe holds; a read that fills it asks for a drain. */
	static final int STRIPE_CAPACITY = 16;

	private static final int STRIPE_MASK = STRIPE_CAPACITY - 1;

	/** Two stripes per processor, so that two threads seldom share one. */
	private static final int STRIPES = Math.min(16,
			Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2 - 1) << 1);

	/**
	 * Distance between the counters of two stripes: 128 bytes. The count of reads a stripe
	 * recorded is at the start, the count drained 64 bytes further, on the next cache line.
	 */
	private static final int COUNTER_STRIDE = 16;

	private static final int DRAINED = 8;

	/** Distance between the slots of two stripes, leaving 64 bytes unused between them. */
	private static final int SLOT_STRIDE = STRIPE_CAPACITY + 16;

	private final AtomicReferenceArray<Node<K, V>> buffer = new AtomicReferenceArray<>(STRIPES * SLOT_STRIDE);

	private final AtomicLongArray counters = new AtomicLongArray(STRIPES * COUNTER_STRIDE);

	/**
	 * Record a read of {@code node}.
	 * @return {@link #RECORDED}, {@link #RECORDED_FULL} if the stripe is now full and should be
	 * drained, or {@link #DROPPED} if the read was not recorded (and so not counted)
	 */
	int offer(Node<K, V> node) {
		int stripe = System.identityHashCode(Thread.currentThread()) & (STRIPES - 1);
		int counter = stripe * COUNTER_STRIDE;
		long write = this.counters.get(counter);
		long pending = write - this.counters.get(counter + DRAINED);
		if (pending >= STRIPE_CAPACITY || !this.counters.compareAndSet(counter, write, write + 1)) {
			return DROPPED;
		}
		this.buffer.lazySet(stripe * SLOT_STRIDE + (int) (write & STRIPE_MASK), node);
		return (pending + 1 >= STRIPE_CAPACITY) ? RECORDED_FULL : RECORDED;
	}

	/**
	 * Return the number of reads recorded since the buffer was made, drained or not.
	 */
	long recordedCount() {
		long total = 0;
		for (int stripe = 0; stripe < STRIPES; stripe++) {
			total += this.counters.get(stripe * COUNTER_STRIDE);
		}
		return total;
	}

	/**
	 * Hand every recorded read, oldest first per stripe, to {@code consumer}. Called under the
	 * eviction lock.
	 */
	void drainTo(Consumer<Node<K, V>> consumer) {
		for (int stripe = 0; stripe < STRIPES; stripe++) {
			int counter = stripe * COUNTER_STRIDE;
			long read = this.counters.get(counter + DRAINED);
			long write = this.counters.get(counter);
			if (read == write) {
				continue;
			}
			for (; read < write; read++) {
				int index = stripe * SLOT_STRIDE + (int) (read & STRIPE_MASK);
				Node<K, V> node = this.buffer.get(index);
				if (node == null) {
					break;
				}
				this.buffer.lazySet(index, null);
				consumer.accept(node);
			}
			this.counters.lazySet(counter + DRAINED, read);
		}
	}

}
