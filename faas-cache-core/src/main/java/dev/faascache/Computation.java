/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.concurrent.CountDownLatch;

/**
 * A function of {@code compute}, {@code computeIfAbsent}, {@code computeIfPresent} or
 * {@code merge} running for one key, outside the cache's locks. While it is registered, the key
 * belongs to the thread that runs it: other threads that compute or write the key wait for it to
 * finish, so that its result replaces exactly the value it was given, as a
 * {@link java.util.concurrent.ConcurrentHashMap} gives per key, while other keys go on unaffected.
 * Registered, discarded and finished under the cache's eviction lock.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class Computation<K, V> {

	final K key;

	/**
	 * The live node the function is given, or {@code null} if the key has no live entry; read and
	 * changed by the thread that runs the function.
	 */
	private Node<K, V> start;

	private final Thread owner = Thread.currentThread();

	private final CountDownLatch finished = new CountDownLatch(1);

	/** Whether the cache was cleared since the function started, so its result is not stored. */
	private boolean discarded;

	/** Whether the thread running the function wrote the key itself. */
	private boolean written;

	private boolean done;

	Computation(K key, Node<K, V> start) {
		this.key = key;
		this.start = start;
	}

	boolean isOwnedByCurrentThread() {
		return this.owner == Thread.currentThread();
	}

	Node<K, V> start() {
		return this.start;
	}

	/**
	 * Start again from the given node: the one the function was given expired or was evicted
	 * while it ran, so its result was computed from a value the key no longer holds.
	 */
	void restart(Node<K, V> current) {
		this.start = current;
	}

	/** Record that the thread running the function writes the key itself. */
	void markWritten() {
		this.written = true;
	}

	/**
	 * Return whether the key no longer holds the node the function was given, other than through
	 * a write of the function's own.
	 */
	boolean isStale(Node<K, V> current) {
		return current != this.start && !this.written;
	}

	/** Make the result not be stored: the cache was cleared after the function was given its value. */
	void discard() {
		this.discarded = true;
	}

	boolean isDiscarded() {
		return this.discarded;
	}

	/** Return whether the computation has finished; read by the thread that ran it. */
	boolean isDone() {
		return this.done;
	}

	/** Mark the computation finished and wake the threads waiting for the key. */
	void finish() {
		this.done = true;
		this.finished.countDown();
	}

	/**
	 * Wait until the computation has finished, uninterruptibly as a thread blocked on a
	 * {@code ConcurrentHashMap} bin does; an interrupt that arrives meanwhile is kept for the
	 * caller to see.
	 */
	void await() {
		boolean interrupted = false;
		while (true) {
			try {
				this.finished.await();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return "Computation{key=" + this.key + ", owner=" + this.owner.getName() + "}";
	}

}
