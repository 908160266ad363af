/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.faascache.FaasCache;
import dev.faascache.RemovalListener;
import dev.faascache.Sizer;
import dev.faascache.Ticker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizers;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration that makes {@link FaasCacheManager} the Spring {@link CacheManager} when
 * caching is enabled with {@code @EnableCaching}, configured by {@link FaasCacheProperties}.
 * <p>
 * Backs off when the application defines its own {@link CacheManager} (or a bean named
 * {@code cacheResolver}), and when {@code spring.cache.type} is set, {@code none} included. A
 * {@link Ticker}, {@link Sizer} or {@link RemovalListener} bean is given to every cache; a
 * removal listener sees {@code null} for a cached null value. {@link CacheManagerCustomizer}
 * beans for {@link FaasCacheManager} customize the manager before its caches are created.
 */
@AutoConfiguration(before = CacheAutoConfiguration.class)
@ConditionalOnClass({ CacheManager.class, FaasCache.class })
@ConditionalOnBean(CacheAspectSupport.class)
@ConditionalOnMissingBean(value = CacheManager.class, name = "cacheResolver")
@Conditional(CacheTypeNotSetCondition.class)
@EnableConfigurationProperties(FaasCacheProperties.class)
@Import({ FaasCacheMetricsConfiguration.class, FaasCacheCracConfiguration.class })
public final class FaasCacheAutoConfiguration {

	@Bean
	@SuppressWarnings("unchecked")
	FaasCacheManager cacheManager(FaasCacheProperties properties, ObjectProvider<Ticker> ticker,
			ObjectProvider<Sizer> sizer, ObjectProvider<RemovalListener<?, ?>> removalListener,
			ObjectProvider<CacheManagerCustomizer<?>> customizers) {
		FaasCacheManager cacheManager = new FaasCacheManager(new ConfiguredCacheFactory(properties,
				ticker.getIfAvailable(), sizer.getIfAvailable(),
				(RemovalListener<Object, Object>) removalListener.getIfAvailable()));
		Set<String> cacheNames = new LinkedHashSet<>(properties.getCacheNames());
		cacheNames.addAll(properties.getCaches().keySet());
		cacheManager.setCacheNames(cacheNames);
		cacheManager.setDynamic(properties.isDynamic());
		cacheManager.setAllowNullValues(properties.isAllowNullValues());
		return new CacheManagerCustomizers(customizers.orderedStream().toList()).customize(cacheManager);
	}

}
