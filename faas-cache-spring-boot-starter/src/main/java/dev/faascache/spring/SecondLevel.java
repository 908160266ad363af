/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.util.Objects;
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
 *         Duration.ofMinutes(1), (ex) -&gt; !(ex instanceof SerializationException));
 * faasCacheManager.setSecondLevel(secondLevel);
 * </pre>
 */
public final class SecondLevel {

	private final Function<String, @Nullable Cache> remoteCaches;

	private final CircuitBreaker circuitBreaker;

	private final ErrorLog errorLog;

	private final Predicate<RuntimeException> outage;

	/**
	 * Create a second level.
	 * @param remoteCaches returns the remote cache for a cache name, or {@code null} for a cache
	 * that has no second level
	 * @param circuitBreaker the breaker shared by all caches
	 * @param ticker the source of time for the error log, the one of the breaker
	 * @param logInterval the shortest time between two logged errors
	 * @param outage tells the errors that mean the remote server is unreachable or too slow, which
	 * count towards opening the breaker, from those where it answered, such as a value that could
	 * not be read back
	 * @throws NullPointerException if an argument is {@code null}
	 */
	public SecondLevel(Function<String, @Nullable Cache> remoteCaches, CircuitBreaker circuitBreaker, Ticker ticker,
			Duration logInterval, Predicate<RuntimeException> outage) {
		this.remoteCaches = Objects.requireNonNull(remoteCaches, "remoteCaches must not be null");
		this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker must not be null");
		this.errorLog = new ErrorLog(Objects.requireNonNull(ticker, "ticker must not be null"),
				Objects.requireNonNull(logInterval, "logInterval must not be null"));
		this.outage = Objects.requireNonNull(outage, "outage must not be null");
	}

	/**
	 * Return the second level of the named cache.
	 * @param name the cache name
	 * @return the second level, or {@code null} if the cache has none
	 */
	public @Nullable SecondLevelCache cache(String name) {
		Cache remote = this.remoteCaches.apply(name);
		return (remote != null) ? new SecondLevelCache(name, remote, this.circuitBreaker, this.errorLog, this.outage)
				: null;
	}

}
