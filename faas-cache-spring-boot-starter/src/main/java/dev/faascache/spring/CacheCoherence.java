/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import dev.faascache.FaasCache;
import dev.faascache.spring.Invalidation.Operation;
import org.jspecify.annotations.Nullable;

/**
 * Coherence of the heap of one two-level cache with the heaps of the other instances (see
 * {@link Coherence}).
 * <p>
 * The cache's version in the remote server counts its changes; messages carry it, in the order
 * the server made the changes. This instance knows the version up to which it received every
 * message: a message that skips a version, a lost or renewed subscription, a restore, or a
 * silence longer than the limit makes the cache stale, and a stale cache reads the version
 * before it answers from the heap: if the server's version is ahead of the one known, a change
 * was missed and the heap is cleared. The server's version is started from its clock, so that it
 * only grows, even when the server lost its data and started again.
 * <p>
 * While the remote server cannot be reached (the breaker is open), the check is skipped and the
 * heap answers as without coherence, for up to its time to live; the cache stays stale and checks
 * on the first lookup once the server is back.
 */
public final class CacheCoherence {

	private final String name;

	private final Coherence coherence;

	private final FaasCache<Object, Object> heap;

	private final SecondLevelCache secondLevel;

	/** Guards {@link #known} and {@link #gaps}; held for a few instructions only, never while calling out. */
	private final Object lock = new Object();

	private long known = -1;

	private long gaps;

	private volatile boolean stale = true;

	private volatile long checkedAt;

	private final AtomicLong applied = new AtomicLong();

	private final LongAdder received = new LongAdder();

	private final LongAdder checks = new LongAdder();

	private final LongAdder clears = new LongAdder();

	/**
	 * Create the coherence of a cache, whose heap is empty.
	 * @param name the cache name
	 * @param coherence the coherence of the manager's caches
	 * @param heap the cache's heap
	 * @param secondLevel the cache's second level
	 * @param listening whether the subscription is in place: every message is received from now
	 * on, so that the first check only learns the version; otherwise it also clears the heap
	 */
	CacheCoherence(String name, Coherence coherence, FaasCache<Object, Object> heap, SecondLevelCache secondLevel,
			boolean listening) {
		this.gaps = listening ? 0 : 1;
		this.name = name;
		this.coherence = coherence;
		this.heap = heap;
		this.secondLevel = secondLevel;
		this.checkedAt = coherence.ticker().read();
	}

	/**
	 * Make sure that the heap holds no entry invalidated by another instance while this one was
	 * not listening, before the heap answers a lookup: check the version unless the cache is
	 * current, and clear the heap if a change was missed. Does nothing, and leaves the cache
	 * stale, when the remote server cannot be reached.
	 */
	void beforeRead() {
		if (!this.stale && this.coherence.isCurrent(this.checkedAt)) {
			return;
		}
		long startedAt = this.coherence.ticker().read();
		long gapsBefore;
		synchronized (this.lock) {
			gapsBefore = this.gaps;
		}
		Long version = guarded("check the version", () -> {
			this.coherence.listenIfNeeded();
			return this.coherence.transport().version(this.name);
		});
		if (version == null) {
			return;
		}
		this.checks.increment();
		boolean missed;
		synchronized (this.lock) {
			// the first check of a cache that listened since it was created only learns the version
			missed = (version < 0) || (version > 0 && version > this.known && (this.known >= 0 || this.gaps > 0));
			this.known = Math.max(this.known, version);
			if (version < 0) {
				// not a version: nothing can be trusted, and the next lookup checks again
				this.gaps++;
				this.stale = true;
			}
			if (this.gaps == gapsBefore) {
				this.stale = false;
			}
		}
		this.checkedAt = startedAt;
		if (missed) {
			clearHeap();
		}
	}

	/**
	 * Mark the cache as possibly having missed a message.
	 */
	void markStale() {
		synchronized (this.lock) {
			this.gaps++;
			this.stale = true;
		}
	}

	/**
	 * Apply an invalidation received from the channel.
	 * @return {@code false} if its key is not in a form this instance writes; nothing is dropped then
	 */
	boolean apply(Invalidation invalidation) {
		synchronized (this.lock) {
			if (this.known >= 0 && invalidation.version() == this.known + 1) {
				this.known = invalidation.version();
			}
			else if (this.known >= 0 && invalidation.version() > this.known + 1) {
				this.gaps++;
				this.stale = true;
			}
		}
		if (invalidation.sender().equals(this.coherence.getInstanceId())) {
			return true;
		}
		Object key = null;
		if (invalidation.operation() != Operation.CLEAR) {
			try {
				key = SecondLevelKeys.decode(invalidation.key(), this.coherence.keyClasses());
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}
		this.received.increment();
		if (key == null || key == SecondLevelKeys.NOT_DECODED) {
			clearHeap();
		}
		else {
			this.applied.incrementAndGet();
			this.heap.remove(key);
		}
		return true;
	}

	private void clearHeap() {
		this.applied.incrementAndGet();
		this.clears.increment();
		this.heap.clear();
	}

	/**
	 * Return a number that changes whenever an invalidation from another instance or a check
	 * drops entries from the heap, so that a value read from the remote server while it changed is
	 * not cached in the heap, where it could outlive the invalidation that overtook it.
	 * @return the number of invalidations applied
	 */
	long appliedCount() {
		return this.applied.get();
	}

	/**
	 * Announce a change of this cache to the other instances, without waiting, unless the breaker
	 * is not closed: the announcement never probes the remote server, since it may be sent from
	 * a thread that must not wait for a new connection.
	 * @param operation what changed
	 * @param key the key, or {@code null} for a clear
	 */
	void announce(Operation operation, @Nullable Object key) {
		CircuitBreaker breaker = this.secondLevel.getCircuitBreaker();
		if (breaker.getState() != CircuitBreaker.State.CLOSED) {
			return;
		}
		String message;
		try {
			message = Invalidation.afterVersion(this.coherence.getInstanceId(), operation, this.name,
					(key != null) ? SecondLevelKeys.encode(key) : "");
		}
		catch (IllegalArgumentException ex) {
			// a key with no text in the remote cache lives in this heap only
			return;
		}
		try {
			this.coherence.transport().publish(this.name, message).whenComplete((done, failure) -> {
				if (failure == null) {
					breaker.recordSuccess();
				}
				else {
					this.secondLevel.failed("announce a change", failure);
				}
			});
		}
		catch (RuntimeException ex) {
			this.secondLevel.failed("announce a change", ex);
		}
	}

	private <T> @Nullable T guarded(String operation, Supplier<T> call) {
		CircuitBreaker breaker = this.secondLevel.getCircuitBreaker();
		if (!breaker.tryAcquire()) {
			return null;
		}
		try {
			T result = call.get();
			breaker.recordSuccess();
			return result;
		}
		catch (Throwable ex) {
			this.secondLevel.failed(operation, ex);
			return null;
		}
	}

	/**
	 * Return whether the cache must check its version before it answers from the heap.
	 * @return {@code true} if it may have missed an invalidation
	 */
	public boolean isStale() {
		return this.stale || !this.coherence.isCurrent(this.checkedAt);
	}

	/**
	 * Return the coherence of the caches this one belongs to.
	 * @return the coherence
	 */
	public Coherence getCoherence() {
		return this.coherence;
	}

	/**
	 * Return how many invalidations from other instances were applied to the heap.
	 * @return the number of invalidations received
	 */
	public long invalidationCount() {
		return this.received.sum();
	}

	/**
	 * Return how many times the cache checked its version in the remote server, after a gap.
	 * @return the number of checks
	 */
	public long checkCount() {
		return this.checks.sum();
	}

	/**
	 * Return how many times coherence cleared the heap: a check that found a change was missed,
	 * a clear on another instance, or an invalidation of a key that is not read back.
	 * @return the number of clears
	 */
	public long clearCount() {
		return this.clears.sum();
	}

}
