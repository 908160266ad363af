/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationUnit;

/**
 * Bounds of a cache. Set under {@code faas.cache}, they apply to every cache; set under
 * {@code faas.cache.caches.<name>}, they override those for one cache, and a bound left unset
 * there takes the value set for every cache. A bound set nowhere does not apply.
 */
public class FaasCacheSpec {

	/**
	 * Byte budget of each cache, unless overridden under 'faas.cache.caches': a number of bytes, or
	 * a number with a unit K, M, G or T (base 1024), such as 134217728, 128M or 128MB, or a share of
	 * the maximum heap, such as 25%. Not bounded by bytes when not set.
	 */
	private @Nullable String maxSize;

	/**
	 * Most entries each cache holds, unless overridden under 'faas.cache.caches'. Not bounded by
	 * item count when not set.
	 */
	private @Nullable Long maxItems;

	/**
	 * Time to live of the entries of each cache, unless overridden under 'faas.cache.caches', such
	 * as 60s or 5m; a bare number means seconds. Entries do not expire when not set.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration defaultTtl;

	/**
	 * Second level of the caches, in Redis.
	 */
	private final SecondLevelSpec l2 = new SecondLevelSpec();

	/**
	 * Return the byte budget, as written.
	 * @return the size, or {@code null} if not set
	 */
	public @Nullable String getMaxSize() {
		return this.maxSize;
	}

	/**
	 * Set the byte budget, such as {@code 128M}.
	 * @param maxSize the size, or {@code null} to unset it
	 */
	public void setMaxSize(@Nullable String maxSize) {
		this.maxSize = maxSize;
	}

	/**
	 * Return the most entries a cache holds.
	 * @return the bound, or {@code null} if not set
	 */
	public @Nullable Long getMaxItems() {
		return this.maxItems;
	}

	/**
	 * Set the most entries a cache holds.
	 * @param maxItems the bound, or {@code null} to unset it
	 */
	public void setMaxItems(@Nullable Long maxItems) {
		this.maxItems = maxItems;
	}

	/**
	 * Return the time to live of the entries.
	 * @return the time to live, or {@code null} if not set
	 */
	public @Nullable Duration getDefaultTtl() {
		return this.defaultTtl;
	}

	/**
	 * Set the time to live of the entries.
	 * @param defaultTtl the time to live, or {@code null} to unset it
	 */
	public void setDefaultTtl(@Nullable Duration defaultTtl) {
		this.defaultTtl = defaultTtl;
	}

	/**
	 * Return the settings of the second level, in Redis.
	 * @return the second level settings
	 */
	public SecondLevelSpec getL2() {
		return this.l2;
	}

}
