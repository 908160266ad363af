/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.faascache.Ticker;
import dev.faascache.spring.CircuitBreaker;
import dev.faascache.spring.Coherence;
import dev.faascache.spring.CoherenceTransport;
import dev.faascache.spring.SecondLevel;
import dev.faascache.spring.TrustedClasses;
import dev.faascache.spring.autoconfigure.FaasCacheProperties.L2;
import dev.faascache.spring.redis.RedisSecondLevelConnection;
import dev.faascache.spring.redis.TypedJsonRedisSerializer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.cache.BatchStrategies;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStaticMasterReplicaConfiguration;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.util.ClassUtils;

/**
 * Gives the caches a second level in Redis when Spring Data Redis is on the classpath, the
 * application has a {@link RedisConnectionFactory} (as Spring Boot's Redis auto-configuration
 * makes from {@code spring.data.redis.*}), and {@code faas.cache.l2.enabled} or a cache's own
 * {@code l2.enabled} is true. The remote caches are Spring Data Redis' {@code RedisCache}s,
 * reached through a {@link RedisSecondLevelConnection} with the timeouts of {@code faas.cache.l2}
 * and a {@link CircuitBreaker} timed by the caches' {@link Ticker}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ RedisConnectionFactory.class, RedisCacheManager.class })
@ConditionalOnBean(RedisConnectionFactory.class)
@Conditional(SecondLevelEnabledCondition.class)
class FaasCacheRedisConfiguration {

	private static final Log logger = LogFactory.getLog(FaasCacheRedisConfiguration.class);

	private static final String MASTER_REPLICA_NODES = "spring.data.redis.masterreplica.nodes";

	private static final String JACKSON = "tools.jackson.databind.json.JsonMapper";

	/** Keys per SCAN when a cache is cleared, instead of a KEYS that blocks Redis. */
	private static final int CLEAR_BATCH = 1000;

	@Bean
	@ConditionalOnMissingBean
	RedisSecondLevelConnection faasCacheRedisConnection(CacheSettings settings,
			RedisConnectionFactory redisConnectionFactory,
			ObjectProvider<RedisStaticMasterReplicaConfiguration> masterReplica, Environment environment) {
		L2 l2 = settings.secondLevel();
		boolean copyable = masterReplica.getIfAvailable() == null && !environment.containsProperty(MASTER_REPLICA_NODES);
		return new RedisSecondLevelConnection(redisConnectionFactory, copyable, l2.getTimeout(), l2.getConnectTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	SecondLevel faasCacheSecondLevel(FaasCacheProperties properties, CacheSettings settings,
			RedisSecondLevelConnection connection, ObjectProvider<Ticker> ticker, BeanFactory beanFactory) {
		L2 l2 = settings.secondLevel();
		ClassLoader defaultClassLoader = ClassUtils.getDefaultClassLoader();
		ClassLoader classLoader = (defaultClassLoader != null) ? defaultClassLoader
				: FaasCacheRedisConfiguration.class.getClassLoader();
		List<String> trustedPackages = trustedPackages(l2, beanFactory);
		RedisCacheManager redisCacheManager = redisCacheManager(settings, connection,
				serializer(l2, trustedPackages, classLoader), properties.isAllowNullValues());
		Ticker time = ticker.getIfAvailable(Ticker::systemTicker);
		CircuitBreaker circuitBreaker = new CircuitBreaker(time, l2.getCircuitBreaker().getFailureThreshold(),
				l2.getCircuitBreaker().getOpenDuration(), connection::reconnect);
		return new SecondLevel((name) -> settings.hasSecondLevel(name) ? redisCacheManager.getCache(name) : null,
				circuitBreaker, time, l2.getLogInterval(), SerializationException.class::isInstance,
				(name, key) -> timeToLive(connection.getConnectionFactory(), keyPrefix(settings) + name + "::" + key),
				coherence(settings, connection, time, new TrustedClasses(trustedPackages, classLoader)));
	}

	/**
	 * Return the coherence of the heaps, subscribed, or {@code null} if no cache has it or the
	 * connection cannot carry it.
	 */
	private static @Nullable Coherence coherence(CacheSettings settings, RedisSecondLevelConnection connection,
			Ticker ticker, TrustedClasses keyClasses) {
		if (!settings.anyCoherence()) {
			return null;
		}
		CoherenceTransport transport = connection.coherenceTransport(keyPrefix(settings));
		if (transport == null) {
			logger.warn("The heaps of the instances are not kept coherent: faas.cache.l2.coherence needs the second "
					+ "level's own Lettuce connection, and it shares the application's (Jedis, or a static "
					+ "master/replica setup). Set faas.cache.l2.coherence.enabled=false to silence this warning");
			return null;
		}
		L2 l2 = settings.secondLevel();
		Coherence coherence = new Coherence(transport, ticker, l2.getCoherence().getMaxSilence(), l2.getLogInterval(),
				settings::hasCoherence, keyClasses);
		coherence.start();
		return coherence;
	}

	/**
	 * Return the time a Redis key has left: {@code null} if it does not expire, zero if it is gone.
	 */
	private static @Nullable Duration timeToLive(RedisConnectionFactory connectionFactory, String key) {
		try (RedisConnection connection = connectionFactory.getConnection()) {
			Long millis = connection.keyCommands().pTtl(key.getBytes(StandardCharsets.UTF_8), TimeUnit.MILLISECONDS);
			if (millis == null || millis == -1) {
				return null;
			}
			return Duration.ofMillis(Math.max(millis, 0));
		}
	}

	private static String keyPrefix(CacheSettings settings) {
		String keyPrefix = settings.secondLevel().getKeyPrefix();
		return (keyPrefix != null) ? keyPrefix : "";
	}

	private static RedisCacheManager redisCacheManager(CacheSettings settings, RedisSecondLevelConnection connection,
			RedisSerializer<Object> serializer, boolean allowNullValues) {
		String keyPrefix = keyPrefix(settings);
		RedisCacheConfiguration base = RedisCacheConfiguration.defaultCacheConfig()
			.serializeValuesWith(SerializationPair.fromSerializer(serializer))
			.computePrefixWith((name) -> keyPrefix + name + "::");
		if (!allowNullValues) {
			base = base.disableCachingNullValues();
		}
		Map<String, RedisCacheConfiguration> perCache = new HashMap<>();
		for (String name : settings.configuredNames()) {
			perCache.put(name, withTtl(base, settings.secondLevelTtl(name)));
		}
		// immediate writes, so that a failed write is counted and tells the breaker, and an eviction
		// cannot overtake the write before it
		RedisCacheWriter writer = RedisCacheWriter.create(connection.getConnectionFactory(),
				(configurer) -> configurer.batchStrategy(BatchStrategies.scan(CLEAR_BATCH)).immediateWrites(true));
		return connection.cacheManager(writer, withTtl(base, settings.defaultSecondLevelTtl()), perCache);
	}

	private static RedisCacheConfiguration withTtl(RedisCacheConfiguration configuration, @Nullable Duration ttl) {
		return PropertyMapper.get().from(ttl).to(configuration, RedisCacheConfiguration::entryTtl);
	}

	private static List<String> trustedPackages(L2 l2, BeanFactory beanFactory) {
		List<String> trusted = new ArrayList<>(l2.getTrustedPackages());
		if (AutoConfigurationPackages.has(beanFactory)) {
			for (String applicationPackage : AutoConfigurationPackages.get(beanFactory)) {
				if (CacheSettings.isTooBroad(applicationPackage)) {
					logger.warn("Values read from Redis are not trusted for the application's package '" + applicationPackage
							+ "': with its subpackages it holds most of the classpath. Name the packages of the cached "
							+ "types in faas.cache.l2.trusted-packages");
				}
				else {
					trusted.add(applicationPackage);
				}
			}
		}
		return trusted;
	}

	private static RedisSerializer<Object> serializer(L2 l2, List<String> trustedPackages, ClassLoader loader) {
		return switch (l2.getSerialization()) {
			case JDK -> RedisSerializer.java(loader);
			case JSON -> {
				if (!ClassUtils.isPresent(JACKSON, loader)) {
					throw new InvalidConfigurationPropertyValueException("faas.cache.l2.serialization", "json",
							"JSON needs Jackson 3 (tools.jackson.core:jackson-databind) on the classpath; add it, or "
									+ "choose 'jdk' for Java serialization");
				}
				yield new TypedJsonRedisSerializer(trustedPackages, loader);
			}
		};
	}

}
