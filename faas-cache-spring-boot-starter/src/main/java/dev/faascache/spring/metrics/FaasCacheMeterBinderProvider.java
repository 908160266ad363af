/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.metrics;

import dev.faascache.spring.FaasSpringCache;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;

/**
 * {@link CacheMeterBinderProvider} for {@link FaasSpringCache}: binds a {@link FaasCacheMetrics}
 * to each cache.
 */
public class FaasCacheMeterBinderProvider implements CacheMeterBinderProvider<FaasSpringCache> {

	@Override
	public MeterBinder getMeterBinder(FaasSpringCache cache, Iterable<Tag> tags) {
		return new FaasCacheMetrics(cache.getNativeCache(), cache.getName(), tags);
	}

}
