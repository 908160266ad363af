/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiConsumer;

/**
 * Striped, lossy ring buffers that record reads so that the access order can be updated later,
 * in a batch, under the eviction lock, instead of taking a lock on every read.
 * <p>
 * Each thread writes to the stripe its thread id selects, so that threads made one after the
 * other, as those of a pool, use different stripes as long as there are enough. A single thread
 * never loses a read, because it drains as soon as its stripe fills, so single-threaded use
 * keeps the exact LRU order.
 * <p>
 * Under concurrent use the order is sampled instead. Every recorded read costs a reordering of
 * the list under the lock, so that recording every read from several threads would make the
 * threads queue for the lock; Caffeine avoids that by draining on another thread and dropping
 * reads while a drain is pending, which this cache, with no thread of its own, cannot do. When
 * a drain finds reads recorded by more than one stripe, one read in {@value #SAMPLING} is
 * recorded until a drain finds a single stripe in use again. Reads are also left out when their
 * stripe is full or another thread writes to it at the same moment. A hot entry is read often
 * enough to stay near the head of the order; the price is that an entry read only once may be
 * evicted a little early.
 * <p>
 * The count of reads each stripe recorded doubles as the cache's hit count, so that a recorded
 * hit costs one compare-and-set in all; the hits a stripe's threads leave unrecorded, and their
 * misses, are counted beside it. The counters of different stripes, and their slots, lie
 * on different cache lines, so that threads on different stripes do not slow each other down.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class ReadBuffer<K, V> {

	/** The read was recorded. */
	static final int RECORDED = 0;

	/** The read was recorded and filled its stripe, which should be drained. */
	static final int RECORDED_FULL = 1;

	/** The read was not recorded, and not counted, because its stripe is full: drain it. */
	static final int FULL = 2;

	/**
	 * The read was not recorded, and not counted: it was not sampled, or another thread wrote to
	 * its stripe at the same moment.
	 */
	static final int SKIPPED = 3;

	/** Under concurrent use, one read in this many is recorded; a power of two. */
	static final int SAMPLING = 4;

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

	/**
	 * Offset of the count of hits a stripe's threads did not record, on the line of the count
	 * recorded, which only those threads write.
	 */
	private static final int UNRECORDED = 1;

	/** Offset of the count of misses of a stripe's threads, on the same line. */
	private static final int MISSES = 2;

	/** Distance between the slots of two stripes, leaving 64 bytes unused between them. */
	private static final int SLOT_STRIDE = STRIPE_CAPACITY + 16;

	private final AtomicReferenceArray<Node<K, V>> buffer = new AtomicReferenceArray<>(STRIPES * SLOT_STRIDE);

	private final AtomicLongArray counters = new AtomicLongArray(STRIPES * COUNTER_STRIDE);

	/** Bytes a buffer takes, which a cache spends only once reads contend (see {@link FaasCache}). */
	static final long BYTES = Layout.measureDeep(new ReadBuffer<>());

	/** Whether the last drain that found recorded reads found them in more than one stripe. */
	private volatile boolean concurrent;

	/**
	 * Record a read of {@code node}.
	 * @return {@link #RECORDED}, {@link #RECORDED_FULL} if the stripe is now full and should be
	 * drained, {@link #FULL} or {@link #SKIPPED}
	 */
	int offer(Node<K, V> node) {
		if (this.concurrent && (ThreadLocalRandom.current().nextInt() & (SAMPLING - 1)) != 0) {
			return SKIPPED;
		}
		int stripe = stripeOf(Thread.currentThread());
		int counter = stripe * COUNTER_STRIDE;
		long write = this.counters.get(counter);
		long pending = write - this.counters.get(counter + DRAINED);
		if (pending >= STRIPE_CAPACITY) {
			return FULL;
		}
		if (!this.counters.compareAndSet(counter, write, write + 1)) {
			return SKIPPED;
		}
		this.buffer.lazySet(stripe * SLOT_STRIDE + (int) (write & STRIPE_MASK), node);
		return (pending + 1 >= STRIPE_CAPACITY) ? RECORDED_FULL : RECORDED;
	}

	/**
	 * Return the stripe the given thread records its reads in.
	 */
	static int stripeOf(Thread thread) {
		return (int) thread.getId() & (STRIPES - 1);
	}

	/**
	 * Count a hit that {@link #offer} did not record, in the calling thread's stripe: a counter
	 * shared by every reader would be a cache line that each of them takes from the others.
	 */
	void countUnrecorded() {
		this.counters.getAndIncrement(stripeOf(Thread.currentThread()) * COUNTER_STRIDE + UNRECORDED);
	}

	/**
	 * Count a read that missed, in the calling thread's stripe, for the same reason.
	 */
	void countMiss() {
		this.counters.getAndIncrement(stripeOf(Thread.currentThread()) * COUNTER_STRIDE + MISSES);
	}

	/**
	 * Return the number of hits counted with {@link #countUnrecorded()}.
	 */
	long unrecordedCount() {
		return sum(UNRECORDED);
	}

	/**
	 * Return the number of misses counted with {@link #countMiss()}.
	 */
	long missCount() {
		return sum(MISSES);
	}

	/**
	 * Return the number of reads recorded since the buffer was made, drained or not.
	 */
	long recordedCount() {
		return sum(0);
	}

	private long sum(int offset) {
		long total = 0;
		for (int stripe = 0; stripe < STRIPES; stripe++) {
			total += this.counters.get(stripe * COUNTER_STRIDE + offset);
		}
		return total;
	}

	/**
	 * Hand every recorded read, oldest first per stripe, to {@code action} with {@code target}.
	 * Taking the target apart from the action lets a caller pass a method reference that captures
	 * nothing, so that no lambda object is kept per cache. Called under the eviction lock.
	 */
	<T> void drainTo(T target, BiConsumer<? super T, Node<K, V>> action) {
		int active = 0;
		for (int stripe = 0; stripe < STRIPES; stripe++) {
			int counter = stripe * COUNTER_STRIDE;
			long read = this.counters.get(counter + DRAINED);
			long write = this.counters.get(counter);
			if (read == write) {
				continue;
			}
			active++;
			for (; read < write; read++) {
				int index = stripe * SLOT_STRIDE + (int) (read & STRIPE_MASK);
				Node<K, V> node = this.buffer.get(index);
				if (node == null) {
					break;
				}
				this.buffer.lazySet(index, null);
				action.accept(target, node);
			}
			this.counters.lazySet(counter + DRAINED, read);
		}
		if (active > 0 && this.concurrent != (active > 1)) {
			this.concurrent = active > 1;
		}
	}

}
