/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The second level settings of every cache, resolved from {@link FaasCacheProperties}: whether a
 * cache has a second level and the time to live of its entries there, taken from its own
 * {@code l2} settings, else from {@code faas.cache.l2}, else, for the time to live, from the
 * cache's {@code default-ttl}.
 * <p>
 * Every setting is checked when this is created, so that a bad value fails startup with an
 * {@link InvalidConfigurationPropertyValueException} naming the property, the value and what is
 * accepted.
 */
final class ConfiguredSecondLevel {

	private static final String PREFIX = ConfiguredCacheFactory.PREFIX + ".l2";

	private final SecondLevelProperties properties;

	private final Level defaults;

	private final Map<String, Level> caches = new LinkedHashMap<>();

	/**
	 * Resolve and check the second level settings.
	 * @param properties the properties of the caches
	 * @throws InvalidConfigurationPropertyValueException if a setting is not positive
	 */
	ConfiguredSecondLevel(FaasCacheProperties properties) {
		this.properties = properties.getL2();
		SecondLevelProperties l2 = this.properties;
		ConfiguredCacheFactory.requirePositive(PREFIX + ".timeout", l2.getTimeout());
		ConfiguredCacheFactory.requirePositive(PREFIX + ".connect-timeout", l2.getConnectTimeout());
		ConfiguredCacheFactory.requirePositive(PREFIX + ".circuit-breaker.open-duration",
				l2.getCircuitBreaker().getOpenDuration());
		if (l2.getCircuitBreaker().getFailureThreshold() <= 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".circuit-breaker.failure-threshold",
					l2.getCircuitBreaker().getFailureThreshold(), "Expected a positive number of failed calls, such as 3");
		}
		if (l2.getLogInterval().isNegative()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".log-interval", l2.getLogInterval(),
					"Expected a duration of zero (log every error) or more, such as 1m");
		}
		Level top = new Level(Boolean.TRUE.equals(l2.getEnabled()), ttl(PREFIX, l2.getTtl()), properties.getDefaultTtl());
		this.defaults = top;
		properties.getCaches().forEach((name, spec) -> {
			SecondLevelSpec own = spec.getL2();
			String prefix = ConfiguredCacheFactory.cachePrefix(name) + ".l2";
			Duration ttl = ttl(prefix, own.getTtl());
			this.caches.put(name, new Level((own.getEnabled() != null) ? own.getEnabled() : top.enabled(),
					(ttl != null) ? ttl : top.ttl(),
					(spec.getDefaultTtl() != null) ? spec.getDefaultTtl() : top.cacheTtl()));
		});
	}

	private static @Nullable Duration ttl(String prefix, @Nullable Duration ttl) {
		return (ttl != null) ? ConfiguredCacheFactory.requirePositive(prefix + ".ttl", ttl) : null;
	}

	/**
	 * Return whether the named cache has a second level.
	 * @param name the cache name
	 * @return {@code true} if it has one
	 */
	boolean isEnabled(String name) {
		return this.caches.getOrDefault(name, this.defaults).enabled();
	}

	/**
	 * Return the property that gives a cache a second level, without checking the other settings.
	 * @param properties the properties of the caches
	 * @return {@code faas.cache.l2.enabled} or the {@code l2.enabled} property of a cache, or
	 * {@code null} if no cache has a second level
	 */
	static @Nullable String enablingProperty(FaasCacheProperties properties) {
		Boolean enabled = properties.getL2().getEnabled();
		for (Map.Entry<String, FaasCacheSpec> cache : properties.getCaches().entrySet()) {
			Boolean own = cache.getValue().getL2().getEnabled();
			if ((own != null) ? own : Boolean.TRUE.equals(enabled)) {
				return ConfiguredCacheFactory.cachePrefix(cache.getKey()) + ".l2.enabled";
			}
		}
		return Boolean.TRUE.equals(enabled) ? PREFIX + ".enabled" : null;
	}

	/**
	 * Return the time to live in the second level of the entries of caches not configured by name.
	 * @return the time to live, or {@code null} if they do not expire
	 */
	@Nullable Duration defaultTtl() {
		return (this.defaults.ttl() != null) ? this.defaults.ttl() : this.defaults.cacheTtl();
	}

	/**
	 * Return the names of the caches configured under {@code faas.cache.caches}.
	 * @return the cache names
	 */
	Iterable<String> configuredNames() {
		return this.caches.keySet();
	}

	/**
	 * Return the time to live of the named cache's entries in the second level.
	 * @param name the cache name
	 * @return the time to live, or {@code null} if they do not expire
	 */
	@Nullable Duration ttl(String name) {
		Level level = this.caches.getOrDefault(name, this.defaults);
		return (level.ttl() != null) ? level.ttl() : level.cacheTtl();
	}

	/**
	 * Return the settings shared by all caches.
	 * @return the settings under {@code faas.cache.l2}
	 */
	SecondLevelProperties properties() {
		return this.properties;
	}

	/**
	 * Second level settings of a cache: whether it has one, its time to live there if set, and the
	 * time to live of the cache itself.
	 */
	private record Level(boolean enabled, @Nullable Duration ttl, @Nullable Duration cacheTtl) {
	}

}
