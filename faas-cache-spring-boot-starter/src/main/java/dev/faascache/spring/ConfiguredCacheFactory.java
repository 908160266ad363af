/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.faascache.ByteSize;
import dev.faascache.FaasCache;
import dev.faascache.RemovalListener;
import dev.faascache.SharedBudget;
import dev.faascache.Sizer;
import dev.faascache.Ticker;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.cache.support.NullValue;

/**
 * Builds each {@link FaasCache} with the bounds configured in {@link FaasCacheProperties} for its
 * name, and the collaborators found in the application context.
 * <p>
 * Every configured bound is checked when the factory is created, so that a bad value fails
 * startup with an {@link InvalidConfigurationPropertyValueException} naming the property, the
 * value and what is accepted, rather than the first request that uses the cache.
 */
final class ConfiguredCacheFactory implements Function<String, FaasCache<Object, Object>> {

	static final String PREFIX = "faas.cache";

	private static final Pattern PLAIN_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

	private final Bounds defaults;

	private final Map<String, Bounds> overrides = new LinkedHashMap<>();

	private final @Nullable SharedBudget totalBudget;

	private final @Nullable Ticker ticker;

	private final @Nullable Sizer sizer;

	private final @Nullable RemovalListener<Object, Object> removalListener;

	/**
	 * Create a factory.
	 * @param properties the configured bounds
	 * @param ticker the ticker for every cache, or {@code null} for the system ticker
	 * @param sizer the sizer for every cache, or {@code null} for the deep sizer
	 * @param removalListener told of removals from every cache, with {@code null} for a cached
	 * null value, or {@code null} for none
	 * @throws InvalidConfigurationPropertyValueException if a bound is malformed or not positive
	 */
	ConfiguredCacheFactory(FaasCacheProperties properties, @Nullable Ticker ticker, @Nullable Sizer sizer,
			@Nullable RemovalListener<Object, Object> removalListener) {
		this.defaults = Bounds.of(PREFIX, properties, Bounds.NONE);
		properties.getCaches().forEach((name, spec) -> this.overrides.put(name, override(name, spec)));
		String totalMaxSize = properties.getTotalMaxSize();
		this.totalBudget = (totalMaxSize != null)
				? SharedBudget.of(Bounds.parseSize(PREFIX + ".total-max-size", totalMaxSize)) : null;
		this.ticker = ticker;
		this.sizer = sizer;
		this.removalListener = (removalListener != null) ? (key, value, cause) -> removalListener.onRemoval(key,
				(value instanceof NullValue) ? null : value, cause) : null;
	}

	private Bounds override(String name, FaasCacheSpec spec) {
		return Bounds.of(cachePrefix(name), spec, this.defaults);
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

	/**
	 * Build a new, empty cache with the bounds configured for the given name.
	 * @throws InvalidConfigurationPropertyValueException if the configured byte budget is too
	 * small to hold the cache's own structure
	 */
	@Override
	public FaasCache<Object, Object> apply(String name) {
		Bounds bounds = this.overrides.getOrDefault(name, this.defaults);
		FaasCache.Builder<Object, Object> builder = FaasCache.builder();
		if (bounds.maxSize() != null) {
			builder.maxSize(bounds.maxSize());
		}
		if (this.totalBudget != null) {
			builder.sharedBudget(this.totalBudget);
		}
		if (bounds.maxItems() != null) {
			builder.maxItems(bounds.maxItems());
		}
		if (bounds.defaultTtl() != null) {
			builder.defaultTtl(bounds.defaultTtl());
		}
		if (this.ticker != null) {
			builder.ticker(this.ticker);
		}
		if (this.sizer != null) {
			builder.sizer(this.sizer);
		}
		if (this.removalListener != null) {
			builder.removalListener(this.removalListener);
		}
		try {
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(bounds.maxSizeProperty(), bounds.maxSize(),
					ex.getMessage());
		}
	}

	/**
	 * Checked bounds of a cache, and the property that set its byte budget.
	 */
	private record Bounds(@Nullable ByteSize maxSize, String maxSizeProperty, @Nullable Long maxItems,
			@Nullable Duration defaultTtl) {

		static final Bounds NONE = new Bounds(null, PREFIX + ".max-size", null, null);

		/**
		 * Check the bounds set under the given prefix, taking those left unset from the fallback.
		 */
		static Bounds of(String prefix, FaasCacheSpec spec, Bounds fallback) {
			String maxSizeProperty = prefix + ".max-size";
			String maxSize = spec.getMaxSize();
			Long maxItems = spec.getMaxItems();
			Duration defaultTtl = spec.getDefaultTtl();
			return new Bounds((maxSize != null) ? parseSize(maxSizeProperty, maxSize) : fallback.maxSize(),
					(maxSize != null) ? maxSizeProperty : fallback.maxSizeProperty(),
					(maxItems != null) ? requirePositive(prefix + ".max-items", maxItems) : fallback.maxItems(),
					(defaultTtl != null) ? ConfiguredCacheFactory.requirePositive(prefix + ".default-ttl", defaultTtl) : fallback.defaultTtl());
		}

		private static ByteSize parseSize(String property, String value) {
			try {
				return ByteSize.parse(value);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException(property, value, ex.getMessage());
			}
		}

		private static Long requirePositive(String property, Long value) {
			if (value <= 0) {
				throw new InvalidConfigurationPropertyValueException(property, value,
						"Expected a positive number of entries, such as 10000");
			}
			return value;
		}

	}

}
