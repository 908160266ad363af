/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.faascache.ClassLayout.Kind;

/**
 * The working state of one deep measurement: a stack of objects still to measure, with their
 * layouts, and the identity set of objects already seen, so that each is counted once.
 * <p>
 * Walks are pooled and reused, so that measuring allocates nothing: a thread takes a free walk,
 * starting from the slot its identity hashes to, or makes a new one when other threads hold them
 * all. A walk that grew past
 * {@link #RETAINED_SLOTS} for a large graph is shrunk back before it is pooled again, so that the
 * pool never holds on to much memory or to any object it measured.
 * <p>
 * A walk is also the consumer that {@link JdkModels} hand to a collection's {@code forEach}, so
 * that pushing its elements allocates nothing either.
 */
final class GraphWalk implements Consumer<Object>, BiConsumer<Object, Object> {

	/** The most slots of the identity set kept between walks. */
	static final int RETAINED_SLOTS = 1 << 13;

	private static final int INITIAL_SLOTS = 64;

	private static final int INITIAL_DEPTH = 32;

	private static final int POOL_SIZE = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2 - 1) << 1;

	private static final AtomicReferenceArray<GraphWalk> pool = new AtomicReferenceArray<>(POOL_SIZE);

	private Object[] seen = new Object[INITIAL_SLOTS];

	private int seenCount;

	private Object[] stack = new Object[INITIAL_DEPTH];

	private ClassLayout[] layouts = new ClassLayout[INITIAL_DEPTH];

	private int depth;

	private int slot = -1;

	private ClassLayout.Table table;

	private GraphWalk() {
	}

	/**
	 * Take a walk from the pool, or make one if the pool has none for this thread, to find the
	 * layouts of what it meets in the given table.
	 */
	static GraphWalk acquire(ClassLayout.Table table) {
		GraphWalk walk = acquire();
		walk.table = table;
		return walk;
	}

	private static GraphWalk acquire() {
		int home = System.identityHashCode(Thread.currentThread());
		for (int i = 0; i < POOL_SIZE; i++) {
			int slot = (home + i) & (POOL_SIZE - 1);
			GraphWalk walk = pool.getAndSet(slot, null);
			if (walk != null) {
				walk.slot = slot;
				return walk;
			}
		}
		GraphWalk walk = new GraphWalk();
		walk.slot = home & (POOL_SIZE - 1);
		return walk;
	}

	/**
	 * Empty this walk and give it back to the pool.
	 */
	void release() {
		if (this.seen.length > RETAINED_SLOTS) {
			this.seen = new Object[INITIAL_SLOTS];
		}
		else if (this.seenCount > 0) {
			Arrays.fill(this.seen, null);
		}
		this.seenCount = 0;
		if (this.stack.length > RETAINED_SLOTS) {
			this.stack = new Object[INITIAL_DEPTH];
			this.layouts = new ClassLayout[INITIAL_DEPTH];
		}
		else {
			Arrays.fill(this.stack, 0, this.depth, null);
			Arrays.fill(this.layouts, 0, this.depth, null);
		}
		this.depth = 0;
		this.table = null;
		pool.lazySet(this.slot, this);
	}

	/**
	 * Push an object with its layout, unless it was seen already.
	 */
	void push(Object object, ClassLayout layout) {
		if (!markSeen(object)) {
			return;
		}
		if (this.depth == this.stack.length) {
			this.stack = Arrays.copyOf(this.stack, this.depth * 2);
			this.layouts = Arrays.copyOf(this.layouts, this.depth * 2);
		}
		this.stack[this.depth] = object;
		this.layouts[this.depth] = layout;
		this.depth++;
	}

	/**
	 * Push an object met in the graph, with its layout, unless it is {@code null}, not counted,
	 * or seen already.
	 */
	@Override
	public void accept(Object object) {
		if (object != null) {
			ClassLayout layout = this.table.of(object.getClass());
			if (layout.kind != Kind.IGNORED) {
				push(object, layout);
			}
		}
	}

	/**
	 * Push a key and its value, as a map's {@code forEach} gives them.
	 */
	@Override
	public void accept(Object key, Object value) {
		accept(key);
		accept(value);
	}

	boolean isEmpty() {
		return this.depth == 0;
	}

	/**
	 * Return the layout of the object on top of the stack; {@link #pop()} takes the object.
	 */
	ClassLayout peekLayout() {
		return this.layouts[this.depth - 1];
	}

	Object pop() {
		int top = --this.depth;
		Object object = this.stack[top];
		this.stack[top] = null;
		this.layouts[top] = null;
		return object;
	}

	private boolean markSeen(Object object) {
		Object[] table = this.seen;
		int index = indexOf(table, object);
		if (table[index] == object) {
			return false;
		}
		table[index] = object;
		if (++this.seenCount * 2 > table.length) {
			grow();
		}
		return true;
	}

	private void grow() {
		Object[] table = new Object[this.seen.length * 2];
		for (Object object : this.seen) {
			if (object != null) {
				table[indexOf(table, object)] = object;
			}
		}
		this.seen = table;
	}

	/**
	 * Return the slot of the identity set that holds the object, or else the empty slot where it
	 * belongs, probing linearly from its identity hash.
	 */
	private static int indexOf(Object[] table, Object object) {
		int mask = table.length - 1;
		int h = System.identityHashCode(object) * 0x9E3779B9;
		int index = (h ^ (h >>> 16)) & mask;
		Object present;
		while ((present = table[index]) != null && present != object) {
			index = (index + 1) & mask;
		}
		return index;
	}

}
