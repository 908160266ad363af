/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.function.BiConsumer;

/**
 * A hierarchical timer wheel that finds expired entries in amortised O(1), without scanning the
 * cache and without a thread.
 * <p>
 * Seven levels of 64 buckets; a bucket of level {@code i} spans {@code 2^SHIFT[i]} nanoseconds
 * (65 µs, 4 ms, 268 ms, 17 s, 18 min, 19.5 h, 52 days). A node is placed at the lowest level
 * whose next-coarser bucket holds both the current time and the node's deadline, so every bucket
 * but the current one of level 0 lies wholly in the future. When time moves past a bucket, its
 * nodes are expired or cascaded to a finer level. The current level-0 bucket is scanned on every
 * advance so that an entry is released as soon as its deadline has passed, not one bucket later.
 * <p>
 * Until the buckets are allocated, nodes are kept in one unordered list, scanned on each advance:
 * the cache allocates the buckets for its first deadline if its budget can hold them, so the
 * list serves only a cache too small for the buckets, which holds a few dozen entries at most.
 * Not thread safe: every method is called under the cache's eviction lock.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class TimerWheel<K, V> {

	private static final int[] SHIFT = { 16, 22, 28, 34, 40, 46, 52 };

	private static final int BUCKETS = 64;

	private static final int MASK = BUCKETS - 1;

	/**
	 * Bytes the buckets take once allocated: about 2 KB, which a cache whose entries never expire
	 * does not spend.
	 */
	static final long BUCKETS_BYTES = Layout.measureDeep((Object) newBuckets());

	/** Wheel index of a node in the list kept while the buckets are not allocated. */
	private static final int LISTED = SHIFT.length * BUCKETS;

	/** The buckets, or {@code null} until {@link #allocate()}. */
	private Node<K, V>[][] wheel;

	/** The nodes scheduled while the buckets are not allocated. */
	private Node<K, V> list;

	/** The time of the last advance, in cache nanoseconds. */
	private long time;

	/**
	 * Nodes in the wheel: an int, as the {@link AccessOrder}'s slots are, so that the list's head
	 * takes no more room in the wheel.
	 */
	private int scheduled;

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static <K, V> Node<K, V>[][] newBuckets() {
		return new Node[SHIFT.length][BUCKETS];
	}

	/**
	 * Return whether the buckets are allocated, so that nodes can be scheduled.
	 */
	boolean isAllocated() {
		return this.wheel != null;
	}

	/**
	 * Allocate the buckets, which take {@link #BUCKETS_BYTES}, and move the listed nodes into them.
	 */
	void allocate() {
		this.wheel = newBuckets();
		Node<K, V> node = this.list;
		this.list = null;
		while (node != null) {
			Node<K, V> next = node.wheelNext;
			this.scheduled--;
			schedule(node);
			node = next;
		}
	}

	/**
	 * Return whether no node is scheduled: then no entry of the cache has a deadline.
	 */
	boolean isEmpty() {
		return this.scheduled == 0;
	}

	/**
	 * Return the time of the last advance.
	 */
	long time() {
		return this.time;
	}

	/**
	 * Place a node that has a deadline: in its bucket, or in the list until the buckets are allocated.
	 */
	void schedule(Node<K, V> node) {
		if (this.wheel == null) {
			node.wheelPrev = null;
			node.wheelNext = this.list;
			if (this.list != null) {
				this.list.wheelPrev = node;
			}
			this.list = node;
			node.wheelIndex = LISTED;
			this.scheduled++;
			return;
		}
		long deadline = Math.max(node.expiresAt, this.time);
		int level = levelFor(deadline);
		int bucket = (int) ((deadline >>> SHIFT[level]) & MASK);
		Node<K, V> head = this.wheel[level][bucket];
		node.wheelPrev = null;
		node.wheelNext = head;
		if (head != null) {
			head.wheelPrev = node;
		}
		this.wheel[level][bucket] = node;
		node.wheelIndex = level * BUCKETS + bucket;
		this.scheduled++;
	}

	/**
	 * Remove a node from the wheel, if it is in it.
	 */
	void deschedule(Node<K, V> node) {
		int index = node.wheelIndex;
		if (index < 0) {
			return;
		}
		Node<K, V> prev = node.wheelPrev;
		Node<K, V> next = node.wheelNext;
		if (prev == null && index == LISTED) {
			this.list = next;
		}
		else if (prev == null) {
			this.wheel[index / BUCKETS][index & MASK] = next;
		}
		else {
			prev.wheelNext = next;
		}
		if (next != null) {
			next.wheelPrev = prev;
		}
		node.wheelPrev = null;
		node.wheelNext = null;
		node.wheelIndex = -1;
		this.scheduled--;
	}

	/**
	 * Move time forward to {@code now}, handing each node whose deadline has passed to
	 * {@code expired} with {@code target} (already taken out of the wheel) and cascading the
	 * others. The target is apart from the action so that the caller's action captures nothing.
	 */
	<T> void advance(long now, T target, BiConsumer<? super T, Node<K, V>> expired) {
		long previous = this.time;
		if (now < previous) {
			now = previous;
		}
		this.time = now;
		if (this.scheduled == 0) {
			return;
		}
		if (this.wheel == null) {
			expireListed(now, target, expired);
			return;
		}
		for (int level = SHIFT.length - 1; level >= 0; level--) {
			long from = previous >>> SHIFT[level];
			long to = now >>> SHIFT[level];
			if (level > 0) {
				if (to == from) {
					continue;
				}
				from++;
			}
			long last = Math.min(to, from + MASK);
			for (long tick = from; tick <= last; tick++) {
				processBucket(level, (int) (tick & MASK), now, target, expired);
			}
		}
	}

	private <T> void processBucket(int level, int bucket, long now, T target, BiConsumer<? super T, Node<K, V>> expired) {
		Node<K, V> node = this.wheel[level][bucket];
		this.wheel[level][bucket] = null;
		while (node != null) {
			Node<K, V> next = node.wheelNext;
			node.wheelPrev = null;
			node.wheelNext = null;
			node.wheelIndex = -1;
			this.scheduled--;
			if (node.isExpiredAt(now)) {
				expired.accept(target, node);
			}
			else {
				schedule(node);
			}
			node = next;
		}
	}

	private <T> void expireListed(long now, T target, BiConsumer<? super T, Node<K, V>> expired) {
		Node<K, V> node = this.list;
		while (node != null) {
			Node<K, V> next = node.wheelNext;
			if (node.isExpiredAt(now)) {
				deschedule(node);
				expired.accept(target, node);
			}
			node = next;
		}
	}

	private int levelFor(long deadline) {
		for (int level = 0; level < SHIFT.length - 1; level++) {
			if ((deadline >>> SHIFT[level + 1]) == (this.time >>> SHIFT[level + 1])) {
				return level;
			}
		}
		return SHIFT.length - 1;
	}

}
