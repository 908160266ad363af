/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.Arrays;

/**
 * The doubly-linked list of nodes in access order, least recently used at the head. Not thread
 * safe: every method is called under the cache's eviction lock.
 * <p>
 * Each node holds a slot in three parallel arrays: the node itself, and the slots before and
 * after it in the list. Moving a node, which every recorded read does, then writes only
 * {@code int}s: writing references between long-lived nodes instead makes the G1 collector
 * track each of them with its write barrier and its refinement threads, which doubled the cost of
 * a read that hits. Slots freed by removals are reused before the arrays grow, so they hold as
 * many slots as the most entries ever held, rounded up to a power of two, and never shrink, like
 * the table of the hash map ({@link Layout#tableBytes(long)} accounts for both).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class AccessOrder<K, V> {

	/**
	 * Slots the arrays have once the first node is linked; a power of two, small so that a cache
	 * of a few kilobytes can hold a few entries.
	 */
	static final int INITIAL_SLOTS = 4;

	/** No slot: the end of the list, or a node not in it. */
	static final int NONE = -1;

	private static final int[] NO_LINKS = {};

	private static final Node<?, ?>[] NO_NODES = {};

	private final SharedBudget budget;

	@SuppressWarnings("unchecked")
	private Node<K, V>[] nodes = (Node<K, V>[]) NO_NODES;

	private int[] prev = NO_LINKS;

	private int[] next = NO_LINKS;

	private int head = NONE;

	private int tail = NONE;

	/** First slot of the chain of free slots, linked through {@link #next}. */
	private int free = NONE;

	/** Slots handed out so far: as many as the most nodes ever linked at once. */
	private int used;

	/**
	 * Create an empty list.
	 * @param budget the shared budget whose sequence stamps each use, or {@code null}
	 */
	AccessOrder(SharedBudget budget) {
		this.budget = budget;
	}

	/**
	 * Return the number of slots arrays of this list hold once it has held the given number of
	 * nodes at once.
	 */
	static long slotsFor(long peakCount) {
		return (peakCount <= INITIAL_SLOTS) ? INITIAL_SLOTS : Long.highestOneBit(peakCount - 1) << 1;
	}

	Node<K, V> peekFirst() {
		return (this.head != NONE) ? this.nodes[this.head] : null;
	}

	Node<K, V> peekLast() {
		return (this.tail != NONE) ? this.nodes[this.tail] : null;
	}

	/**
	 * Return the node before the given one, towards the least recently used.
	 */
	Node<K, V> previous(Node<K, V> node) {
		int before = this.prev[node.slot];
		return (before != NONE) ? this.nodes[before] : null;
	}

	/**
	 * Return the node after the given one, towards the most recently used.
	 */
	Node<K, V> next(Node<K, V> node) {
		int after = this.next[node.slot];
		return (after != NONE) ? this.nodes[after] : null;
	}

	void linkLast(Node<K, V> node) {
		int slot = allocate();
		this.nodes[slot] = node;
		node.slot = slot;
		attachLast(slot);
		stamp(node);
	}

	void unlink(Node<K, V> node) {
		int slot = node.slot;
		detach(slot);
		this.nodes[slot] = null;
		this.next[slot] = this.free;
		this.free = slot;
		node.slot = NONE;
	}

	void moveToLast(Node<K, V> node) {
		int slot = node.slot;
		if (slot != this.tail) {
			detach(slot);
			attachLast(slot);
		}
		stamp(node);
	}

	private void attachLast(int slot) {
		this.prev[slot] = this.tail;
		this.next[slot] = NONE;
		if (this.tail == NONE) {
			this.head = slot;
		}
		else {
			this.next[this.tail] = slot;
		}
		this.tail = slot;
	}

	private void detach(int slot) {
		int before = this.prev[slot];
		int after = this.next[slot];
		if (before == NONE) {
			this.head = after;
		}
		else {
			this.next[before] = after;
		}
		if (after == NONE) {
			this.tail = before;
		}
		else {
			this.prev[after] = before;
		}
	}

	private int allocate() {
		if (this.free != NONE) {
			int slot = this.free;
			this.free = this.next[slot];
			return slot;
		}
		if (this.used == this.nodes.length) {
			int slots = (int) slotsFor(this.used + 1L);
			this.nodes = Arrays.copyOf(this.nodes, slots);
			this.prev = Arrays.copyOf(this.prev, slots);
			this.next = Arrays.copyOf(this.next, slots);
		}
		return this.used++;
	}

	private void stamp(Node<K, V> node) {
		if (this.budget != null) {
			node.accessStamp = this.budget.nextStamp();
		}
	}

}
