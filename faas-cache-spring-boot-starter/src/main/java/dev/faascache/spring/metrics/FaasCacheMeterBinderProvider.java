/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.metrics;

import dev.faascache.spring.FaasSpringCache;
import dev.faascache.spring.TwoLevelFaasSpringCache;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;

/**
 * {@link CacheMeterBinderProvider} for {@link FaasSpringCache}: binds a {@link FaasCacheMetrics}
 * to each cache, and a {@link SecondLevelMetrics} to each {@link TwoLevelFaasSpringCache} as well.
 */
public class FaasCacheMeterBinderProvider implements CacheMeterBinderProvider<FaasSpringCache> {

	@Override
	public MeterBinder getMeterBinder(FaasSpringCache cache, Iterable<Tag> tags) {
		FaasCacheMetrics metrics = new FaasCacheMetrics(cache.getNativeCache(), cache.getName(), tags);
		if (!(cache instanceof TwoLevelFaasSpringCache twoLevel)) {
			return metrics;
		}
		SecondLevelMetrics secondLevelMetrics = new SecondLevelMetrics(twoLevel.getSecondLevel(), cache.getName(),
				twoLevel.getCoherence(), tags);
		return (registry) -> {
			metrics.bindTo(registry);
			secondLevelMetrics.bindTo(registry);
		};
	}

}
