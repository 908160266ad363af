/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.autoconfigure;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.faascache.ByteSize;
import dev.faascache.FaasCache;
import dev.faascache.RemovalListener;
import dev.faascache.SharedBudget;
import dev.faascache.Sizer;
import dev.faascache.Ticker;
import dev.faascache.spring.autoconfigure.FaasCacheProperties.Cache;
import dev.faascache.spring.autoconfigure.FaasCacheProperties.L2;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.cache.support.NullValue;

/**
 * Settings of every cache, resolved from {@link FaasCacheProperties}: each setting a cache leaves
 * unset under {@code faas.cache.caches.<name>} is taken from those set for every cache, and the
 * time to live in Redis, when not set, from the cache's own time to live.
 * <p>
 * Every setting is checked once, when this is created, so that a bad value fails startup with an
 * {@link InvalidConfigurationPropertyValueException} naming the property, the value and what is
 * accepted, rather than the first request that uses the cache.
 */
final class CacheSettings {

	static final String PREFIX = "faas.cache";

	private static final String L2_PREFIX = PREFIX + ".l2";

	private static final Pattern JDK_PACKAGES = Pattern.compile("(java|javax|jdk|sun|com\\.sun)(\\.|$)");

	private static final Pattern PLAIN_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

	private final FaasCacheProperties properties;

	private final Bounds defaults;

	private final Map<String, Bounds> caches = new LinkedHashMap<>();

	private final @Nullable SharedBudget totalBudget;

	private final Level defaultLevel;

	private final Map<String, Level> levels = new LinkedHashMap<>();

	/**
	 * Resolve and check the settings of every cache.
	 * @param properties the properties of the caches
	 * @throws InvalidConfigurationPropertyValueException if a setting is malformed or out of range
	 */
	CacheSettings(FaasCacheProperties properties) {
		this.properties = properties;
		this.defaults = Bounds.NONE.override(PREFIX, properties.getMaxSize(), properties.getMaxItems(),
				properties.getDefaultTtl());
		properties.getCaches().forEach((name, cache) -> this.caches.put(name, this.defaults
			.override(cachePrefix(name), cache.getMaxSize(), cache.getMaxItems(), cache.getDefaultTtl())));
		String totalMaxSize = properties.getTotalMaxSize();
		this.totalBudget = (totalMaxSize != null) ? SharedBudget.of(parseSize(PREFIX + ".total-max-size", totalMaxSize))
				: null;
		L2 l2 = properties.getL2();
		checkConnection(l2);
		Duration ttl = checkTtl(L2_PREFIX + ".ttl", l2.getTtl());
		this.defaultLevel = new Level(Boolean.TRUE.equals(l2.getEnabled()),
				(ttl != null) ? ttl : this.defaults.defaultTtl(), l2.getCoherence().isEnabled());
		properties.getCaches().forEach((name, cache) -> {
			Duration own = checkTtl(cachePrefix(name) + ".l2.ttl", cache.getL2().getTtl());
			Boolean enabled = cache.getL2().getEnabled();
			Boolean coherent = cache.getL2().getCoherence().getEnabled();
			Duration fallback = (ttl != null) ? ttl : this.caches.get(name).defaultTtl();
			this.levels.put(name, new Level((enabled != null) ? enabled : this.defaultLevel.enabled(),
					(own != null) ? own : fallback, (coherent != null) ? coherent : this.defaultLevel.coherent()));
		});
	}

	private static void checkConnection(L2 l2) {
		requirePositive(L2_PREFIX + ".timeout", l2.getTimeout());
		requirePositive(L2_PREFIX + ".connect-timeout", l2.getConnectTimeout());
		requirePositive(L2_PREFIX + ".circuit-breaker.open-duration", l2.getCircuitBreaker().getOpenDuration());
		requirePositive(L2_PREFIX + ".coherence.max-silence", l2.getCoherence().getMaxSilence());
		if (l2.getCircuitBreaker().getFailureThreshold() <= 0) {
			throw new InvalidConfigurationPropertyValueException(L2_PREFIX + ".circuit-breaker.failure-threshold",
					l2.getCircuitBreaker().getFailureThreshold(), "Expected a positive number of failed calls, such as 3");
		}
		for (String trusted : l2.getTrustedPackages()) {
			if (isTooBroad(trusted)) {
				throw new InvalidConfigurationPropertyValueException(L2_PREFIX + ".trusted-packages", trusted,
						"A trusted package must name the packages of the cached types, such as com.example.orders: '"
								+ trusted + "' with its subpackages would let whoever writes to Redis create instances "
								+ "of most classes on the classpath ('*' trusts every class, if that is what you mean)");
			}
		}
		if (l2.getLogInterval().isNegative()) {
			throw new InvalidConfigurationPropertyValueException(L2_PREFIX + ".log-interval", l2.getLogInterval(),
					"Expected a duration of zero (log every error) or more, such as 1m");
		}
	}

	/**
	 * Return whether trusting a package and its subpackages would trust far more than the cached
	 * types: a top-level package such as {@code com}, or a package of the JDK.
	 * @param packageName the package name
	 */
	static boolean isTooBroad(String packageName) {
		return !packageName.equals("*") && (packageName.indexOf('.') < 0
				|| JDK_PACKAGES.matcher(packageName).lookingAt());
	}

	private static @Nullable Duration checkTtl(String property, @Nullable Duration ttl) {
		return (ttl != null) ? requirePositive(property, ttl) : null;
	}

	/**
	 * Return the property that gives a cache a second level, without checking the other settings.
	 * @param properties the properties of the caches
	 * @return {@code faas.cache.l2.enabled} or the {@code l2.enabled} property of a cache, or
	 * {@code null} if no cache has a second level
	 */
	static @Nullable String enablingProperty(FaasCacheProperties properties) {
		boolean enabled = Boolean.TRUE.equals(properties.getL2().getEnabled());
		for (Map.Entry<String, Cache> cache : properties.getCaches().entrySet()) {
			Boolean own = cache.getValue().getL2().getEnabled();
			if ((own != null) ? own : enabled) {
				return cachePrefix(cache.getKey()) + ".l2.enabled";
			}
		}
		return enabled ? L2_PREFIX + ".enabled" : null;
	}

	/**
	 * Return the names of the caches to create at startup: those named under
	 * {@code faas.cache.cache-names}, then the given ones, then those configured under
	 * {@code faas.cache.caches}.
	 * @param moreNames more names, such as those of {@code spring.cache.cache-names}
	 */
	Set<String> cacheNames(Collection<String> moreNames) {
		Set<String> names = new LinkedHashSet<>(this.properties.getCacheNames());
		names.addAll(moreNames);
		names.addAll(this.caches.keySet());
		return names;
	}

	/**
	 * Return a factory that builds each cache with the bounds resolved for its name.
	 * @param ticker the ticker for every cache, or {@code null} for the system ticker
	 * @param sizer the sizer for every cache, or {@code null} for the deep sizer
	 * @param removalListener told of removals from every cache, with {@code null} for a cached
	 * null value, or {@code null} for none
	 * @return the factory, which throws an {@link InvalidConfigurationPropertyValueException} if a
	 * byte budget is too small to hold the cache's own structure
	 */
	Function<String, FaasCache<Object, Object>> cacheFactory(@Nullable Ticker ticker, @Nullable Sizer sizer,
			@Nullable RemovalListener<Object, Object> removalListener) {
		RemovalListener<Object, Object> listener = (removalListener != null) ? (key, value, cause) -> removalListener
			.onRemoval(key, (value instanceof NullValue) ? null : value, cause) : null;
		return (name) -> {
			Bounds cache = this.caches.getOrDefault(name, this.defaults);
			FaasCache.Builder<Object, Object> builder = FaasCache.builder();
			PropertyMapper map = PropertyMapper.get();
			map.from(cache.maxSize()).to(builder::maxSize);
			map.from(this.totalBudget).to(builder::sharedBudget);
			map.from(cache.maxItems()).to(builder::maxItems);
			map.from(cache.defaultTtl()).to(builder::defaultTtl);
			map.from(ticker).to(builder::ticker);
			map.from(sizer).to(builder::sizer);
			map.from(listener).to(builder::removalListener);
			try {
				return builder.build();
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException(cache.maxSizeProperty(), cache.maxSize(),
						ex.getMessage());
			}
		};
	}

	/**
	 * Return whether the named cache has a second level.
	 * @param name the cache name
	 */
	boolean hasSecondLevel(String name) {
		return level(name).enabled();
	}

	/**
	 * Return whether the heap of the named cache is kept coherent with those of the other
	 * instances: it has a second level, and coherence is on for it.
	 * @param name the cache name
	 */
	boolean hasCoherence(String name) {
		Level level = level(name);
		return level.enabled() && level.coherent();
	}

	/**
	 * Return whether the heap of any cache, configured by name or created on first use, may be
	 * kept coherent.
	 */
	boolean anyCoherence() {
		return (this.defaultLevel.enabled() && this.defaultLevel.coherent())
				|| this.levels.keySet().stream().anyMatch(this::hasCoherence);
	}

	/**
	 * Return the time to live in the second level of the entries of the named cache.
	 * @param name the cache name
	 * @return the time to live, or {@code null} if they do not expire
	 */
	@Nullable Duration secondLevelTtl(String name) {
		return level(name).ttl();
	}

	/**
	 * Return the time to live in the second level of the entries of caches not configured by name.
	 * @return the time to live, or {@code null} if they do not expire
	 */
	@Nullable Duration defaultSecondLevelTtl() {
		return this.defaultLevel.ttl();
	}

	/**
	 * Return the names of the caches configured under {@code faas.cache.caches}.
	 */
	Set<String> configuredNames() {
		return this.caches.keySet();
	}

	/**
	 * Return the settings of the second level shared by all caches, checked.
	 */
	L2 secondLevel() {
		return this.properties.getL2();
	}

	private Level level(String name) {
		return this.levels.getOrDefault(name, this.defaultLevel);
	}

	/**
	 * Return the prefix of the properties of the named cache, as a message should name them.
	 */
	static String cachePrefix(String name) {
		return PREFIX + ".caches" + (PLAIN_NAME.matcher(name).matches() ? "." + name : "[" + name + "]");
	}

	/**
	 * Return the duration if it is positive.
	 * @throws InvalidConfigurationPropertyValueException naming the property if it is not
	 */
	static Duration requirePositive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"Expected a positive duration, such as 60s, 5m, 1h or 60 (a bare number means seconds)");
		}
		return value;
	}

	private static ByteSize parseSize(String property, String value) {
		try {
			return ByteSize.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(property, value, ex.getMessage());
		}
	}

	/**
	 * Checked bounds of a cache, and the property that set its byte budget.
	 */
	private record Bounds(@Nullable ByteSize maxSize, String maxSizeProperty, @Nullable Long maxItems,
			@Nullable Duration defaultTtl) {

		static final Bounds NONE = new Bounds(null, PREFIX + ".max-size", null, null);

		/**
		 * Check the bounds set under the given prefix, taking those left unset from these.
		 */
		Bounds override(String prefix, @Nullable String maxSize, @Nullable Long maxItems,
				@Nullable Duration defaultTtl) {
			String maxSizeProperty = prefix + ".max-size";
			return new Bounds((maxSize != null) ? parseSize(maxSizeProperty, maxSize) : this.maxSize,
					(maxSize != null) ? maxSizeProperty : this.maxSizeProperty,
					(maxItems != null) ? requirePositive(prefix + ".max-items", maxItems) : this.maxItems,
					(defaultTtl != null) ? CacheSettings.requirePositive(prefix + ".default-ttl", defaultTtl) : this.defaultTtl);
		}

		private static Long requirePositive(String property, Long value) {
			if (value <= 0) {
				throw new InvalidConfigurationPropertyValueException(property, value,
						"Expected a positive number of entries, such as 10000");
			}
			return value;
		}

	}

	/**
	 * Second level of a cache: whether it has one, the time to live of its entries there, and
	 * whether its heap is kept coherent with those of the other instances.
	 */
	private record Level(boolean enabled, @Nullable Duration ttl, boolean coherent) {
	}

}
