/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One cache entry. The key, value and measured weight never change: a write to an existing key
 * installs a new node. Its place in the access order and its links in the timer wheel are
 * guarded by the cache's eviction lock.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class Node<K, V> {

	private static final VarHandle EXPIRES_AT;

	static {
		try {
			EXPIRES_AT = MethodHandles.lookup().findVarHandle(Node.class, "expiresAt", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** Deadline of an entry that never expires; such entries are not in the timer wheel. */
	static final long NEVER = Long.MAX_VALUE;

	final K key;

	/**
	 * The key's hash code when the node was made: the table files the node under it, so the node can
	 * be removed even if the key's hash code changes later.
	 */
	final int hash;

	final V value;

	final long weight;

	/** Deadline in cache time (nanoseconds since the cache was built); written under the lock. */
	volatile long expiresAt;

	/**
	 * Slot of the node in the {@link AccessOrder}, or {@link AccessOrder#NONE}; guarded by the lock.
	 * A node is in the order exactly while it is in the cache, so the slot also tells whether it
	 * is alive, and no field of its own is spent on that.
	 */
	int slot = AccessOrder.NONE;

	Node<K, V> wheelPrev;

	Node<K, V> wheelNext;

	/**
	 * Level and bucket of the timer wheel holding this node, as one index (see {@link TimerWheel}),
	 * or -1 when it is not scheduled: one int rather than two fields keeps the node at 64 bytes.
	 */
	int wheelIndex = -1;

	/** When the node was last used, from the sequence of a shared budget; guarded by the lock. */
	long accessStamp;

	/** The next node in its bin of a {@link NodeTable} whose length is an even power of two. */
	Node<K, V> evenNext;

	/** The next node in its bin of a {@link NodeTable} whose length is an odd power of two. */
	Node<K, V> oddNext;

	Node(K key, V value, long weight, long expiresAt) {
		this.key = key;
		this.hash = (key != null) ? key.hashCode() : 0;
		this.value = value;
		this.weight = weight;
		// A plain write: the table publishes the node with release semantics, while a volatile write
		// here would fence every write of the cache once more
		EXPIRES_AT.set(this, expiresAt);
	}

	/**
	 * Return whether the node is still in the cache. Called under the lock.
	 */
	boolean isAlive() {
		return this.slot != AccessOrder.NONE;
	}

	boolean isExpiredAt(long now) {
		return this.expiresAt <= now;
	}

}
