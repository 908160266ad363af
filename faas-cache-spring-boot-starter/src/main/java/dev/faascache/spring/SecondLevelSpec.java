/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationUnit;

/**
 * Second level of a cache, in Redis, behind its entries in the heap. Set under
 * {@code faas.cache.l2}, it applies to every cache; set under {@code faas.cache.caches.<name>.l2},
 * it overrides that for one cache, and a setting left unset there takes the value set for every
 * cache.
 */
public class SecondLevelSpec {

	/**
	 * Whether to keep the entries of each cache in Redis as well as in the heap, unless overridden
	 * under 'faas.cache.caches': reads that miss the heap try Redis before calling the method, and
	 * writes and evictions go to both. Needs Spring Data Redis and a RedisConnectionFactory.
	 */
	private @Nullable Boolean enabled;

	/**
	 * Time to live of the entries in Redis, unless overridden under 'faas.cache.caches', such as
	 * 10m; a bare number means seconds. The default-ttl of each cache when not set; entries do not
	 * expire in Redis when neither is set.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration ttl;

	/**
	 * Return whether the entries are kept in Redis too.
	 * @return the setting, or {@code null} if not set
	 */
	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	/**
	 * Set whether the entries are kept in Redis too.
	 * @param enabled the setting, or {@code null} to unset it
	 */
	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Return the time to live of the entries in Redis.
	 * @return the time to live, or {@code null} if not set
	 */
	public @Nullable Duration getTtl() {
		return this.ttl;
	}

	/**
	 * Set the time to live of the entries in Redis.
	 * @param ttl the time to live, or {@code null} to unset it
	 */
	public void setTtl(@Nullable Duration ttl) {
		this.ttl = ttl;
	}

}
