/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.cache.Cache.ValueWrapper;
import org.springframework.cache.support.NullValue;

/**
 * Second level of one cache: a remote cache reached through a {@link CircuitBreaker}, whose errors,
 * {@link Error}s included, never reach the caller, apart from those the JVM may not survive, such
 * as {@link OutOfMemoryError}, which are rethrown once the breaker has given up the call. A failed or skipped lookup is a miss and a failed or skipped write is
 * dropped; every failure is counted and logged at most once per interval.
 * <p>
 * Counts the lookups that the remote cache answered, as hits or misses, the calls that failed,
 * and those skipped because the breaker was open.
 */
public final class SecondLevelCache {

	private final String name;

	private final Cache remote;

	private final CircuitBreaker circuitBreaker;

	private final ErrorLog errorLog;

	private final Predicate<RuntimeException> outage;

	private final LongAdder hits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private final LongAdder skips = new LongAdder();

	SecondLevelCache(String name, Cache remote, CircuitBreaker circuitBreaker, ErrorLog errorLog,
			Predicate<RuntimeException> outage) {
		this.name = name;
		this.remote = remote;
		this.circuitBreaker = circuitBreaker;
		this.errorLog = errorLog;
		this.outage = outage;
	}

	/**
	 * Return the value the remote cache holds for the key.
	 * @param key the key
	 * @return the value, {@link NullValue} for a cached {@code null}, or {@code null} on a miss,
	 * a failure, or when the breaker is open
	 */
	public @Nullable Object get(Object key) {
		if (!acquire()) {
			return null;
		}
		try {
			ValueWrapper wrapper = this.remote.get(key);
			this.circuitBreaker.recordSuccess();
			((wrapper != null) ? this.hits : this.misses).increment();
			return storeValue(wrapper);
		}
		catch (Throwable ex) {
			failed("get", ex);
			return null;
		}
	}

	/**
	 * Write the value to the remote cache unless it holds one for the key, atomically there.
	 * @param key the key
	 * @param value the value, {@code null} for a cached {@code null}
	 * @return the value the remote cache held, {@link NullValue} for a cached {@code null}, or
	 * {@code null} if it held none, failed, or the breaker is open
	 */
	public @Nullable Object putIfAbsent(Object key, @Nullable Object value) {
		if (!acquire()) {
			return null;
		}
		try {
			ValueWrapper existing = this.remote.putIfAbsent(key, value);
			this.circuitBreaker.recordSuccess();
			return storeValue(existing);
		}
		catch (Throwable ex) {
			failed("put", ex);
			return null;
		}
	}

	private static @Nullable Object storeValue(@Nullable ValueWrapper wrapper) {
		if (wrapper == null) {
			return null;
		}
		Object value = wrapper.get();
		return (value != null) ? value : NullValue.INSTANCE;
	}

	/**
	 * Write the value to the remote cache, unless the breaker is open.
	 * @param key the key
	 * @param value the value, {@code null} for a cached {@code null}
	 */
	public void put(Object key, @Nullable Object value) {
		run("put", () -> this.remote.put(key, value));
	}

	/**
	 * Remove the key from the remote cache, unless the breaker is open.
	 * @param key the key
	 */
	public void evict(Object key) {
		run("evict", () -> this.remote.evict(key));
	}

	/**
	 * Remove every entry of this cache from the remote cache, unless the breaker is open.
	 */
	public void clear() {
		run("clear", this.remote::clear);
	}

	private void run(String operation, Runnable call) {
		if (!acquire()) {
			return;
		}
		try {
			call.run();
			this.circuitBreaker.recordSuccess();
		}
		catch (Throwable ex) {
			failed(operation, ex);
		}
	}

	private boolean acquire() {
		if (this.circuitBreaker.tryAcquire()) {
			return true;
		}
		this.skips.increment();
		return false;
	}

	/**
	 * Count and log a failed call, and tell the breaker: only an outage counts towards opening it,
	 * while an answer that could not be used, such as a value that could not be read, shows the
	 * remote cache is up. A fatal error, such as an {@link OutOfMemoryError}, is rethrown once the
	 * breaker has given up the call.
	 */
	private void failed(String operation, Throwable ex) {
		if (CircuitBreaker.isFatal(ex)) {
			this.circuitBreaker.release();
			throw (Error) ex;
		}
		if (ex instanceof RuntimeException runtime && !this.outage.test(runtime)) {
			this.circuitBreaker.recordSuccess();
		}
		else {
			this.circuitBreaker.recordFailure();
		}
		this.errors.increment();
		this.errorLog.error(this.name, operation, ex);
	}

	/**
	 * Return the circuit breaker, shared with the other caches of the same second level.
	 * @return the breaker
	 */
	public CircuitBreaker getCircuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * Return how many lookups found a value in the remote cache.
	 * @return the number of hits
	 */
	public long hitCount() {
		return this.hits.sum();
	}

	/**
	 * Return how many lookups the remote cache answered without a value.
	 * @return the number of misses
	 */
	public long missCount() {
		return this.misses.sum();
	}

	/**
	 * Return how many calls to the remote cache failed, for whatever reason.
	 * @return the number of errors
	 */
	public long errorCount() {
		return this.errors.sum();
	}

	/**
	 * Return how many calls were not made because the breaker was open.
	 * @return the number of skipped calls
	 */
	public long skipCount() {
		return this.skips.sum();
	}

}
