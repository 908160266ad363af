/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.faascache.Ticker;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;

/**
 * Second level shared by the caches of a manager: a remote cache per cache name, such as Spring
 * Data Redis' {@code RedisCache}, and what the caches share about the remote server, its
 * {@link CircuitBreaker} and the log of its errors.
 * <pre class="code">
 * SecondLevel secondLevel = new SecondLevel(redisCacheManager::getCache,
 *         new CircuitBreaker(ticker, 3, Duration.ofSeconds(10), () -&gt; {}), ticker,
 *         Duration.ofMinutes(1), (ex) -&gt; ex instanceof SerializationException, null);
 * faasCacheManager.setSecondLevel(secondLevel);
 * </pre>
 */
public final class SecondLevel {

	private final Function<String, @Nullable Cache> remoteCaches;

	private final CircuitBreaker circuitBreaker;

	private final ErrorLog errorLog;

	private final ErrorLog entryErrorLog;

	private final Predicate<Throwable> entryFailure;

	private final @Nullable BiFunction<String, String, @Nullable Duration> timeToLive;

	private final @Nullable Coherence coherence;

	/**
	 * Create a second level.
	 * @param remoteCaches returns the remote cache for a cache name, or {@code null} for a cache
	 * that has no second level
	 * @param circuitBreaker the breaker shared by all caches
	 * @param ticker the source of time for the error log, the one of the breaker
	 * @param logInterval the shortest time between two logged errors
	 * @param entryFailure tells the failures caused by the key or the value of one call, such as a
	 * value that could not be written or read back, which are that call's problem only and leave
	 * the breaker as it is, from those of the remote server, which count towards opening it
	 * @param timeToLive returns, for a cache name and the text of a key in the remote cache (its
	 * type and canonical value, as the remote cache is given it), the time its entry has left there: {@code null} if it does not
	 * expire, zero if it is gone; or {@code null} if the remote cache cannot tell, in which case
	 * an entry read from it is kept in the heap for the heap's time to live
	 * @throws NullPointerException if an argument other than {@code timeToLive} is {@code null}
	 */
	public SecondLevel(Function<String, @Nullable Cache> remoteCaches, CircuitBreaker circuitBreaker, Ticker ticker,
			Duration logInterval, Predicate<Throwable> entryFailure,
			@Nullable BiFunction<String, String, @Nullable Duration> timeToLive) {
		this(remoteCaches, circuitBreaker, ticker, logInterval, entryFailure, timeToLive, null);
	}

	/**
	 * Create a second level that keeps the heaps of the instances coherent.
	 * @param remoteCaches returns the remote cache for a cache name, or {@code null} for a cache
	 * that has no second level
	 * @param circuitBreaker the breaker shared by all caches, coherence included
	 * @param ticker the source of time for the error log, the one of the breaker
	 * @param logInterval the shortest time between two logged errors
	 * @param entryFailure tells the failures caused by the key or the value of one call from those
	 * of the remote server (see the other constructor)
	 * @param timeToLive returns the time an entry has left in the remote cache (see the other
	 * constructor)
	 * @param coherence keeps the heaps of the caches it names coherent across instances, or
	 * {@code null} for none
	 * @throws NullPointerException if an argument other than {@code timeToLive} and
	 * {@code coherence} is {@code null}
	 */
	public SecondLevel(Function<String, @Nullable Cache> remoteCaches, CircuitBreaker circuitBreaker, Ticker ticker,
			Duration logInterval, Predicate<Throwable> entryFailure,
			@Nullable BiFunction<String, String, @Nullable Duration> timeToLive, @Nullable Coherence coherence) {
		this.remoteCaches = Objects.requireNonNull(remoteCaches, "remoteCaches must not be null");
		this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker must not be null");
		Objects.requireNonNull(ticker, "ticker must not be null");
		Objects.requireNonNull(logInterval, "logInterval must not be null");
		this.errorLog = new ErrorLog(ticker, logInterval, "failed to");
		this.entryErrorLog = new ErrorLog(ticker, logInterval, "could not use the key or value of a call to");
		this.entryFailure = Objects.requireNonNull(entryFailure, "entryFailure must not be null");
		this.timeToLive = timeToLive;
		this.coherence = coherence;
	}

	/**
	 * Return what keeps the heaps of the instances coherent.
	 * @return the coherence, or {@code null} if there is none
	 */
	public @Nullable Coherence getCoherence() {
		return this.coherence;
	}

	/**
	 * Return the second level of the named cache.
	 * @param name the cache name
	 * @return the second level, or {@code null} if the cache has none
	 */
	public @Nullable SecondLevelCache cache(String name) {
		Cache remote = this.remoteCaches.apply(name);
		return (remote != null) ? new SecondLevelCache(name, remote, this.circuitBreaker, this.errorLog,
				this.entryErrorLog, this.entryFailure, this.timeToLive, this.coherence)
				: null;
	}

}
