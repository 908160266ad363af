/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.autoconfigure;

import dev.faascache.FaasCache;
import dev.faascache.RemovalListener;
import dev.faascache.Sizer;
import dev.faascache.Ticker;
import dev.faascache.spring.FaasCacheManager;
import dev.faascache.spring.SecondLevel;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizers;
import org.springframework.boot.cache.autoconfigure.CacheProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration that makes {@link FaasCacheManager} the Spring {@link CacheManager} when
 * caching is enabled with {@code @EnableCaching}, configured by {@link FaasCacheProperties}. The
 * caches named by {@code spring.cache.cache-names} are created at startup too, as with Spring
 * Boot's own cache managers.
 * <p>
 * Backs off when the application defines its own {@link CacheManager} (or a bean named
 * {@code cacheResolver}), and when {@code spring.cache.type} is set, {@code none} included. A
 * {@link Ticker}, {@link Sizer} or {@link RemovalListener} bean is given to every cache; a
 * removal listener sees {@code null} for a cached null value. {@link CacheManagerCustomizer}
 * beans for {@link FaasCacheManager} customize the manager before its caches are created.
 * <p>
 * With {@code faas.cache.l2.enabled} (or a cache's own {@code l2.enabled}) true, caches keep
 * their entries in Redis too, behind the heap (see {@link FaasCacheRedisConfiguration}); startup
 * fails if Spring Data Redis or a {@code RedisConnectionFactory} is missing then.
 */
@AutoConfiguration(before = CacheAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ CacheManager.class, FaasCache.class })
@ConditionalOnBean(CacheAspectSupport.class)
@ConditionalOnMissingBean(value = CacheManager.class, name = "cacheResolver")
@Conditional(CacheTypeNotSetCondition.class)
@EnableConfigurationProperties({ FaasCacheProperties.class, CacheProperties.class })
@Import({ FaasCacheMetricsConfiguration.class, FaasCacheCracConfiguration.class, FaasCacheRedisConfiguration.class })
public final class FaasCacheAutoConfiguration {

	@Bean
	CacheSettings faasCacheSettings(FaasCacheProperties properties) {
		return new CacheSettings(properties);
	}

	@Bean
	@SuppressWarnings("unchecked")
	FaasCacheManager cacheManager(FaasCacheProperties properties, CacheProperties springCacheProperties,
			CacheSettings settings, ObjectProvider<Ticker> ticker, ObjectProvider<Sizer> sizer,
			ObjectProvider<RemovalListener<?, ?>> removalListener, ObjectProvider<CacheManagerCustomizer<?>> customizers,
			ObjectProvider<SecondLevel> secondLevel) {
		FaasCacheManager cacheManager = new FaasCacheManager(settings.cacheFactory(ticker.getIfAvailable(),
				sizer.getIfAvailable(), (RemovalListener<Object, Object>) removalListener.getIfAvailable()));
		cacheManager.setCacheNames(settings.cacheNames(springCacheProperties.getCacheNames()));
		cacheManager.setDynamic(properties.isDynamic());
		cacheManager.setAllowNullValues(properties.isAllowNullValues());
		cacheManager.setSecondLevel(secondLevel(properties, secondLevel));
		return new CacheManagerCustomizers(customizers.orderedStream().toList()).customize(cacheManager);
	}

	private static @Nullable SecondLevel secondLevel(FaasCacheProperties properties,
			ObjectProvider<SecondLevel> secondLevel) {
		String enabling = CacheSettings.enablingProperty(properties);
		if (enabling == null) {
			return null;
		}
		SecondLevel available = secondLevel.getIfAvailable();
		if (available == null) {
			throw new InvalidConfigurationPropertyValueException(enabling, true,
					"A second level needs Spring Data Redis on the classpath (spring-boot-starter-data-redis) and a "
							+ "RedisConnectionFactory bean, as spring.data.redis.* configures");
		}
		return available;
	}

}
