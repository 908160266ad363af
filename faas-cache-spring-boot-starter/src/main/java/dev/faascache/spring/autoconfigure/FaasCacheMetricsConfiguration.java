/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.autoconfigure;

import dev.faascache.spring.FaasSpringCache;
import dev.faascache.spring.metrics.FaasCacheMeterBinderProvider;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the {@link FaasCacheMeterBinderProvider} when Micrometer is present, so that Spring
 * Boot's cache metrics bind every {@link FaasSpringCache} known at startup.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MeterBinder.class)
class FaasCacheMetricsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FaasCacheMeterBinderProvider faasCacheMeterBinderProvider() {
		return new FaasCacheMeterBinderProvider();
	}

}
