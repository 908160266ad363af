/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Second level of every cache, under {@code faas.cache.l2}: the settings of {@link SecondLevelSpec}
 * that caches may override, and how the second level talks to Redis, shared by all caches.
 */
public class SecondLevelProperties extends SecondLevelSpec {

	/**
	 * Timeout of each Redis command of the second level. A command that takes longer counts as a
	 * failure and the caller goes on without Redis. Applies to the second level's own Lettuce
	 * connection only, not to the application's other Redis clients.
	 */
	private Duration timeout = Duration.ofMillis(250);

	/**
	 * Timeout of connecting to Redis for the second level, TLS handshake included.
	 */
	private Duration connectTimeout = Duration.ofSeconds(1);

	/**
	 * Prefix of every Redis key the second level writes, before the cache name, such as 'orders:'
	 * when several applications share one Redis: keys are prefix + cache name + '::' + key. No
	 * prefix when not set.
	 */
	private @Nullable String keyPrefix;

	/**
	 * How values are written to Redis: 'json' (with their type, read back only for trusted
	 * packages) or 'jdk' (Java serialization, which runs code from whoever can write to Redis).
	 */
	private SecondLevelSerialization serialization = SecondLevelSerialization.JSON;

	/**
	 * Packages, with their subpackages, whose classes JSON values may be read back as, in addition to
	 * the application's own packages and to java.lang, java.util, java.math and java.time; '*'
	 * trusts every class.
	 */
	private List<String> trustedPackages = new ArrayList<>();

	/**
	 * Shortest time between two logged errors of the second level; the errors in between are
	 * counted, and the next log line says how many there were.
	 */
	private Duration logInterval = Duration.ofMinutes(1);

	/**
	 * Circuit breaker that stops calling Redis for a while when it keeps failing.
	 */
	private final Breaker circuitBreaker = new Breaker();

	/**
	 * Return the timeout of each Redis command.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Set the timeout of each Redis command.
	 * @param timeout the timeout
	 */
	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Return the timeout of connecting to Redis.
	 * @return the timeout
	 */
	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Set the timeout of connecting to Redis.
	 * @param connectTimeout the timeout
	 */
	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	/**
	 * Return the prefix of every Redis key.
	 * @return the prefix, or {@code null} for none
	 */
	public @Nullable String getKeyPrefix() {
		return this.keyPrefix;
	}

	/**
	 * Set the prefix of every Redis key.
	 * @param keyPrefix the prefix, or {@code null} for none
	 */
	public void setKeyPrefix(@Nullable String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	/**
	 * Return how values are written to Redis.
	 * @return the serialization
	 */
	public SecondLevelSerialization getSerialization() {
		return this.serialization;
	}

	/**
	 * Set how values are written to Redis.
	 * @param serialization the serialization
	 */
	public void setSerialization(SecondLevelSerialization serialization) {
		this.serialization = serialization;
	}

	/**
	 * Return the packages whose classes JSON values may be read back as.
	 * @return the package names
	 */
	public List<String> getTrustedPackages() {
		return this.trustedPackages;
	}

	/**
	 * Set the packages whose classes JSON values may be read back as.
	 * @param trustedPackages the package names, or {@code *} for all
	 */
	public void setTrustedPackages(List<String> trustedPackages) {
		this.trustedPackages = trustedPackages;
	}

	/**
	 * Return the shortest time between two logged errors.
	 * @return the interval
	 */
	public Duration getLogInterval() {
		return this.logInterval;
	}

	/**
	 * Set the shortest time between two logged errors.
	 * @param logInterval the interval
	 */
	public void setLogInterval(Duration logInterval) {
		this.logInterval = logInterval;
	}

	/**
	 * Return the settings of the circuit breaker.
	 * @return the circuit breaker settings
	 */
	public Breaker getCircuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * Circuit breaker of the second level, shared by all caches.
	 */
	public static class Breaker {

		/**
		 * Failed Redis calls in a row that open the breaker. While it is open, caches skip Redis
		 * and answer from the heap or the method.
		 */
		private int failureThreshold = 3;

		/**
		 * How long the breaker stays open before it lets one call through to Redis to probe it;
		 * the breaker closes if that call succeeds and opens again if it fails.
		 */
		private Duration openDuration = Duration.ofSeconds(10);

		/**
		 * Return how many failed calls in a row open the breaker.
		 * @return the threshold
		 */
		public int getFailureThreshold() {
			return this.failureThreshold;
		}

		/**
		 * Set how many failed calls in a row open the breaker.
		 * @param failureThreshold the threshold
		 */
		public void setFailureThreshold(int failureThreshold) {
			this.failureThreshold = failureThreshold;
		}

		/**
		 * Return how long the breaker stays open before a probe.
		 * @return the duration
		 */
		public Duration getOpenDuration() {
			return this.openDuration;
		}

		/**
		 * Set how long the breaker stays open before a probe.
		 * @param openDuration the duration
		 */
		public void setOpenDuration(Duration openDuration) {
			this.openDuration = openDuration;
		}

	}

}
