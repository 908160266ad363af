/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.metrics;

import dev.faascache.CacheStats;
import dev.faascache.FaasCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters for a {@link FaasCache}: the common cache meters ({@code cache.gets} tagged
 * {@code result=hit|miss}, {@code cache.puts}, {@code cache.evictions}, {@code cache.size}) and
 * {@code cache.heap.used} and {@code cache.heap.max}, the bytes of heap the cache accounts for and
 * its byte budget, and {@code cache.rejections}, the values refused as larger than the budget.
 * <p>
 * {@code cache.evictions} counts every entry the cache removed on its own: evicted by the byte or
 * item bound, or expired.
 */
class FaasCacheMetrics extends CacheMeterBinder<FaasCache<?, ?>> {

	/**
	 * Create the meters for a cache.
	 * @param cache the cache to instrument
	 * @param cacheName the name of the cache, for the {@code cache} tag
	 * @param tags tags to apply to all meters
	 */
	FaasCacheMetrics(FaasCache<?, ?> cache, String cacheName, Iterable<Tag> tags) {
		super(cache, cacheName, tags);
	}

	@Override
	protected @Nullable Long size() {
		FaasCache<?, ?> cache = getCache();
		return (cache != null) ? (long) cache.size() : null;
	}

	@Override
	protected long hitCount() {
		CacheStats stats = stats();
		return (stats != null) ? stats.hitCount() : 0;
	}

	@Override
	protected @Nullable Long missCount() {
		CacheStats stats = stats();
		return (stats != null) ? stats.missCount() : null;
	}

	@Override
	protected @Nullable Long evictionCount() {
		CacheStats stats = stats();
		return (stats != null) ? stats.evictionCount() : null;
	}

	@Override
	protected long putCount() {
		CacheStats stats = stats();
		return (stats != null) ? stats.putCount() : 0;
	}

	private @Nullable CacheStats stats() {
		FaasCache<?, ?> cache = getCache();
		return (cache != null) ? cache.stats() : null;
	}

	@Override
	protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
		FaasCache<?, ?> cache = getCache();
		if (cache == null) {
			return;
		}
		Gauge.builder("cache.heap.used", cache, FaasCache::getByteSize)
			.tags(getTagsWithCacheName())
			.baseUnit(BaseUnits.BYTES)
			.description("The bytes of heap the cache accounts for: its entries and its own structure.")
			.register(registry);
		Gauge.builder("cache.heap.max", cache, (c) -> c.getMaxSize().map((size) -> (double) size.toBytes()).orElse(Double.NaN))
			.tags(getTagsWithCacheName())
			.baseUnit(BaseUnits.BYTES)
			.description("The byte budget of the cache; NaN if it is not bounded by bytes.")
			.register(registry);
		FunctionCounter.builder("cache.rejections", cache, (c) -> c.stats().rejectionCount())
			.tags(getTagsWithCacheName())
			.description("The number of values not cached because they alone exceeded the byte budget.")
			.register(registry);
	}

}
