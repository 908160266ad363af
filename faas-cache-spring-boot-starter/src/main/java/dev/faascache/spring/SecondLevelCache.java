/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.faascache.FaasCache;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.cache.Cache.ValueWrapper;
import org.springframework.cache.support.NullValue;

/**
 * Second level of one cache: a remote cache reached through a {@link CircuitBreaker}, whose errors,
 * {@link Error}s included, never reach the caller, apart from those the JVM may not survive, such
 * as {@link OutOfMemoryError}, which are rethrown once the breaker is told. A failed or skipped lookup is a miss and a failed or skipped write is
 * dropped; every failure is counted and logged at most once per interval.
 * <p>
 * A failure caused by the key or the value of a call (a key that cannot be converted for the
 * remote cache, a value that cannot be written or read back) is that call's problem only: it is
 * counted and logged apart, and leaves the breaker as it was. Other failures count towards
 * opening the breaker.
 * <p>
 * Counts the lookups that the remote cache answered, as hits or misses, the calls that failed,
 * those that failed on their own key or value, and those skipped because the breaker was open.
 */
public final class SecondLevelCache {

	/** What a call returns whose outcome the breaker is told later, when the remote client reports it. */
	private static final Object PENDING = new Object();

	private final String name;

	private final Cache remote;

	private final CircuitBreaker circuitBreaker;

	private final ErrorLog errorLog;

	private final ErrorLog entryErrorLog;

	private final Predicate<Throwable> entryFailure;

	private final @Nullable BiFunction<String, String, @Nullable Duration> timeToLive;

	private final LongAdder hits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private final LongAdder entryErrors = new LongAdder();

	private final LongAdder skips = new LongAdder();

	private final @Nullable Coherence coherence;

	SecondLevelCache(String name, Cache remote, CircuitBreaker circuitBreaker, ErrorLog errorLog,
			ErrorLog entryErrorLog, Predicate<Throwable> entryFailure,
			@Nullable BiFunction<String, String, @Nullable Duration> timeToLive, @Nullable Coherence coherence) {
		this.name = name;
		this.remote = remote;
		this.circuitBreaker = circuitBreaker;
		this.errorLog = errorLog;
		this.entryErrorLog = entryErrorLog;
		this.entryFailure = entryFailure;
		this.timeToLive = timeToLive;
		this.coherence = coherence;
	}

	/**
	 * Keep the given heap coherent with the heaps of the other instances, if this cache is to be.
	 * @param heap the heap in front of this second level
	 * @return the coherence of the heap, or {@code null} if it is not kept coherent
	 */
	@Nullable CacheCoherence coherence(FaasCache<Object, Object> heap) {
		return (this.coherence != null) ? this.coherence.register(this.name, heap, this) : null;
	}

	/**
	 * Return the value the remote cache holds for the key.
	 * @param key the key
	 * @return the value, {@link NullValue} for a cached {@code null}, or {@code null} on a miss,
	 * a failure, or when the breaker is open
	 */
	public @Nullable Object get(Object key) {
		return call("get", key, (remoteKey) -> {
			ValueWrapper wrapper = this.remote.get(remoteKey);
			((wrapper != null) ? this.hits : this.misses).increment();
			return storeValue(wrapper);
		});
	}

	/**
	 * Return the time the remote cache's entry for the key has left.
	 * @param key the key
	 * @return the time left, zero if the entry is gone, or {@code null} if it does not expire, the
	 * remote cache cannot tell, the call failed, or the breaker is open
	 */
	public @Nullable Duration timeToLive(Object key) {
		BiFunction<String, String, @Nullable Duration> reader = this.timeToLive;
		return (reader != null) ? (Duration) call("get", key, (remoteKey) -> reader.apply(this.name, remoteKey)) : null;
	}

	/**
	 * Write the value to the remote cache unless it holds one for the key, atomically there.
	 * @param key the key
	 * @param value the value, {@code null} for a cached {@code null}
	 * @return the value the remote cache held, {@link NullValue} for a cached {@code null}, or
	 * {@code null} if it held none, failed, or the breaker is open
	 */
	public @Nullable Object putIfAbsent(Object key, @Nullable Object value) {
		return call("put", key, (remoteKey) -> storeValue(this.remote.putIfAbsent(remoteKey, value)));
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
		call("put", key, (remoteKey) -> {
			this.remote.put(remoteKey, value);
			return null;
		});
	}

	/**
	 * Write the value to the remote cache without blocking the calling thread, when the remote
	 * cache is an {@link AsyncPutCache}, and count the outcome when the remote client reports it.
	 * The write is skipped unless the breaker is closed, so that it never probes the remote server
	 * from a thread that must not wait for a new connection. Any other remote cache is written to
	 * on the calling thread, as {@link #put(Object, Object)} does.
	 * @param key the key
	 * @param value the value, {@code null} for a cached {@code null}
	 */
	public void putAsync(Object key, @Nullable Object value) {
		if (!(this.remote instanceof AsyncPutCache async)) {
			put(key, value);
			return;
		}
		if (this.circuitBreaker.getState() != CircuitBreaker.State.CLOSED) {
			this.skips.increment();
			return;
		}
		call("put", key, (remoteKey) -> {
			async.putAsync(remoteKey, value).whenComplete((done, failure) -> {
				if (failure == null) {
					this.circuitBreaker.recordSuccess();
				}
				else {
					failed("put", failure);
				}
			});
			return PENDING;
		});
	}

	/**
	 * Remove the key from the remote cache, unless the breaker is open.
	 * @param key the key
	 */
	public void evict(Object key) {
		call("evict", key, (remoteKey) -> {
			this.remote.evict(remoteKey);
			return null;
		});
	}

	/**
	 * Remove every entry of this cache from the remote cache, unless the breaker is open.
	 */
	public void clear() {
		call("clear", null, (remoteKey) -> {
			this.remote.clear();
			return null;
		});
	}

	/**
	 * Make a call to the remote cache with the key converted for it, through the breaker, and tell
	 * the breaker how it went, whatever it throws.
	 * @param key the key of the call, or {@code null} for a call without one
	 * @return what the call returned, or {@code null} if it failed or the breaker is open; a call
	 * that returns {@link #PENDING} tells the breaker its outcome itself
	 */
	private @Nullable Object call(String operation, @Nullable Object key,
			Function<@Nullable String, @Nullable Object> call) {
		String remoteKey;
		try {
			remoteKey = (key != null) ? remoteKey(key) : null;
		}
		catch (Throwable ex) {
			entryFailed(operation, ex);
			return null;
		}
		if (!this.circuitBreaker.tryAcquire()) {
			this.skips.increment();
			return null;
		}
		try {
			Object result = call.apply(remoteKey);
			if (result != PENDING) {
				this.circuitBreaker.recordSuccess();
			}
			return result;
		}
		catch (Throwable ex) {
			if (this.entryFailure.test(ex)) {
				this.circuitBreaker.release();
				entryFailed(operation, ex);
			}
			else {
				failed(operation, ex);
			}
			return null;
		}
	}

	private static String remoteKey(Object key) {
		return SecondLevelKeys.encode(key);
	}

	/**
	 * Count and log a call that failed because of its own key or value: it tells nothing of the
	 * remote cache. A fatal error, such as an {@link OutOfMemoryError}, is rethrown.
	 */
	private void entryFailed(String operation, Throwable ex) {
		rethrowIfFatal(ex);
		this.entryErrors.increment();
		this.entryErrorLog.error(this.name, operation, ex);
	}

	/**
	 * Count and log a failed call, and count it towards opening the breaker. A fatal error, such
	 * as an {@link OutOfMemoryError}, is rethrown once the breaker has given up the call.
	 */
	void failed(String operation, Throwable ex) {
		if (CircuitBreaker.isFatal(ex)) {
			this.circuitBreaker.release();
			rethrowIfFatal(ex);
		}
		this.circuitBreaker.recordFailure();
		this.errors.increment();
		this.errorLog.error(this.name, operation, ex);
	}

	private static void rethrowIfFatal(Throwable ex) {
		if (CircuitBreaker.isFatal(ex)) {
			throw (Error) ex;
		}
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
	 * Return how many calls to the remote cache failed because of the remote cache: unreachable,
	 * too slow, or an error of its own.
	 * @return the number of errors
	 */
	public long errorCount() {
		return this.errors.sum();
	}

	/**
	 * Return how many calls failed because of their own key or value: a key that could not be
	 * converted for the remote cache, or a value that could not be written or read back.
	 * @return the number of entry errors
	 */
	public long entryErrorCount() {
		return this.entryErrors.sum();
	}

	/**
	 * Return how many calls were not made because the breaker was open.
	 * @return the number of skipped calls
	 */
	public long skipCount() {
		return this.skips.sum();
	}

}
