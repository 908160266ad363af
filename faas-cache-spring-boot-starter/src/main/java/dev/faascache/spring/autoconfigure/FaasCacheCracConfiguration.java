/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.autoconfigure;

import java.time.Clock;

import dev.faascache.Ticker;
import dev.faascache.spring.FaasCacheManager;
import dev.faascache.spring.FaasCacheRestoreHandler;
import org.crac.Resource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers a {@link FaasCacheRestoreHandler} when {@code org.crac} is on the classpath, so that
 * the caches follow {@code faas.cache.on-restore} after a SnapStart or CRaC restore. The bean
 * keeps the strong reference the CRaC context needs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(Resource.class)
class FaasCacheCracConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FaasCacheRestoreHandler faasCacheRestoreHandler(FaasCacheManager cacheManager, FaasCacheProperties properties,
			ObjectProvider<Ticker> ticker, ObjectProvider<Clock> clock) {
		FaasCacheRestoreHandler handler = new FaasCacheRestoreHandler(cacheManager, properties.getOnRestore(),
				ticker.getIfAvailable(Ticker::systemTicker), clock.getIfAvailable(Clock::systemUTC));
		handler.register();
		return handler;
	}

}
