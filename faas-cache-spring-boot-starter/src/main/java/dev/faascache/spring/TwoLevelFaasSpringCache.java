/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.faascache.FaasCache;
import dev.faascache.spring.Invalidation.Operation;
import org.jspecify.annotations.Nullable;

/**
 * {@link FaasSpringCache} with a second level behind the heap, such as Redis, shared by every
 * instance of the application: a lookup that misses the heap asks the second level, and a value
 * found there is cached in the heap; writes and evictions go to both levels, the heap first.
 * <p>
 * {@link #get(Object, Callable)} and {@link #retrieve(Object, Supplier)} ask the second level
 * and then call the loader, one load at a time per key. Callers in this JVM asking
 * {@link #get(Object, Callable)} for a key while it is being loaded wait for that load and get
 * its value; if it fails, each in turn asks the second level again and calls its own loader (see
 * {@link FaasSpringCache}). Callers of {@link #retrieve(Object, Supplier)} for the same missing
 * key share one lookup in the second level and one call of a loader, its failure included.
 * <p>
 * The second level never fails the caller: when it is down or slow, lookups miss it, writes
 * skip it, and the cache goes on with the heap and the loaders (see {@link SecondLevelCache}).
 * <p>
 * <b>Note:</b> a write or an eviction that does not reach the second level, during an outage,
 * leaves the value it held there until its time to live runs out, and other instances may read
 * it meanwhile. A value found in the second level is kept in the heap for the heap's own time to
 * live, or for what is left of its time to live in the second level if that is shorter.
 * {@link #retrieve(Object)} and {@link #retrieve(Object, Supplier)} ask the heap, then the second
 * level, waiting for it at most for its timeout, before they return or call the loader; the value
 * an asynchronous loader produces is cached in the heap on the thread that completes it, and its
 * write is sent to a second level that is an {@link AsyncPutCache} without waiting for it, ahead of
 * any later call, so that an eviction right after the load cannot overtake it. That write is
 * skipped while the breaker is not closed.
 * <p>
 * When the second level keeps the heaps coherent ({@link Coherence}), every write, eviction and
 * clear is announced to the other instances, which drop their heap copies; and a lookup of a
 * cache that may have missed an announcement (after a freeze, a lost connection or a restore)
 * first checks the cache's version in the second level, and clears the heap if it missed one.
 */
public class TwoLevelFaasSpringCache extends FaasSpringCache {

	private final SecondLevelCache secondLevel;

	private final @Nullable CacheCoherence coherence;

	/**
	 * Create a two-level cache.
	 * @param name the name of the cache
	 * @param cache the cache that holds the entries in the heap
	 * @param allowNullValues whether to accept and store {@code null} values; the second level
	 * must agree
	 * @param secondLevel the second level
	 */
	public TwoLevelFaasSpringCache(String name, FaasCache<Object, Object> cache, boolean allowNullValues,
			SecondLevelCache secondLevel) {
		super(name, cache, allowNullValues);
		this.secondLevel = Objects.requireNonNull(secondLevel, "secondLevel must not be null");
		this.coherence = secondLevel.coherence(cache);
	}

	/**
	 * Return what keeps the heap of this cache coherent with those of the other instances.
	 * @return the coherence, or {@code null} if the heap is not kept coherent
	 */
	public @Nullable CacheCoherence getCoherence() {
		return this.coherence;
	}

	/**
	 * Return the second level of this cache.
	 * @return the second level
	 */
	public SecondLevelCache getSecondLevel() {
		return this.secondLevel;
	}

	@Override
	protected @Nullable Object lookup(Object key) {
		catchUp();
		return super.lookup(key);
	}

	@Override
	public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
		catchUp();
		return super.get(key, valueLoader);
	}

	@Override
	public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
		catchUp();
		return super.retrieve(key, valueLoader);
	}

	private void catchUp() {
		if (this.coherence != null) {
			this.coherence.beforeRead();
		}
	}

	private void announce(Operation operation, @Nullable Object key) {
		if (this.coherence != null) {
			this.coherence.announce(operation, key);
		}
	}

	/**
	 * Return the value the second level holds for the key, and cache it in the heap for no longer
	 * than the second level keeps it: for what is left of its time to live there, when that is
	 * shorter than the heap's. A value read while an invalidation from another instance was
	 * applied is returned but not cached, since it may be the value that invalidation replaced.
	 */
	@Override
	protected @Nullable Object lookupSecondLevel(Object key) {
		long applied = (this.coherence != null) ? this.coherence.appliedCount() : 0;
		Object value = this.secondLevel.get(key);
		if (value == null || (this.coherence != null && this.coherence.appliedCount() != applied)) {
			return value;
		}
		Duration left = this.secondLevel.timeToLive(key);
		Duration heapTtl = getNativeCache().getDefaultTtl();
		if (left == null || (heapTtl != null && heapTtl.compareTo(left) <= 0)) {
			super.store(key, value);
		}
		else if (!left.isNegative() && !left.isZero()) {
			store(key, value, left);
		}
		return value;
	}

	@Override
	protected void store(Object key, Object value) {
		super.store(key, value);
		this.secondLevel.put(key, fromStoreValue(value));
		announce(Operation.PUT, key);
	}

	/**
	 * Cache the value in the heap at once, and send its write to the second level without waiting
	 * for it (see {@link SecondLevelCache#putAsync(Object, Object)}): the thread completing an
	 * asynchronous load may be an event loop, such as one of Lettuce's, which a blocking call to
	 * Redis could stall, or deadlock until the timeout.
	 */
	@Override
	protected void storeLoaded(Object key, Object value) {
		super.store(key, value);
		this.secondLevel.putAsync(key, fromStoreValue(value));
		announce(Operation.PUT, key);
	}

	/**
	 * Cache the value unless one is cached for the key already, atomically in the second level
	 * when it is reachable, and otherwise in the heap.
	 * @return the value already cached, or {@code null} if the given value was cached
	 */
	@Override
	public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
		Object storeValue = toStoreValue(value);
		Object existing = this.secondLevel.putIfAbsent(key, fromStoreValue(storeValue));
		if (existing == null) {
			ValueWrapper previous = super.putIfAbsent(key, value);
			announce(Operation.PUT, key);
			return previous;
		}
		super.store(key, existing);
		return toValueWrapper(existing);
	}

	@Override
	public void evict(Object key) {
		super.evict(key);
		this.secondLevel.evict(key);
		announce(Operation.EVICT, key);
	}

	/**
	 * Evict the entry for the key at once from both levels.
	 * @return {@code true} if a live entry was cached for the key in the heap
	 */
	@Override
	public boolean evictIfPresent(Object key) {
		boolean present = super.evictIfPresent(key);
		this.secondLevel.evict(key);
		announce(Operation.EVICT, key);
		return present;
	}

	@Override
	public void clear() {
		super.clear();
		this.secondLevel.clear();
		announce(Operation.CLEAR, null);
	}

	/**
	 * Remove every entry at once from both levels.
	 * @return {@code true} if the heap held live entries before
	 */
	@Override
	public boolean invalidate() {
		boolean notEmpty = super.invalidate();
		this.secondLevel.clear();
		announce(Operation.CLEAR, null);
		return notEmpty;
	}

}
