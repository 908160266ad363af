/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the caches, under the prefix {@code faas.cache}: the bounds of
 * every cache (see {@link FaasCacheSpec}), overrides of those bounds by cache name under
 * {@code faas.cache.caches}, and the settings of the cache manager. Sizes are strings parsed by
 * {@link dev.faascache.ByteSize#parse(String)}, so that {@code 128M}, {@code 128MB} and
 * {@code 134217728} all work.
 */
@ConfigurationProperties("faas.cache")
public class FaasCacheProperties extends FaasCacheSpec {

	/**
	 * Names of the caches to create at startup, in addition to those configured under
	 * 'faas.cache.caches'.
	 */
	private List<String> cacheNames = new ArrayList<>();

	/**
	 * Whether to create a cache on first use for a name not configured up front.
	 */
	private boolean dynamic = true;

	/**
	 * Whether to cache null values.
	 */
	private boolean allowNullValues = true;

	/**
	 * Bounds of individual caches, by cache name, overriding the bounds set for every cache.
	 * Each cache named here is created at startup.
	 */
	private Map<String, FaasCacheSpec> caches = new LinkedHashMap<>();

	/**
	 * Return the names of the caches to create at startup.
	 * @return the cache names
	 */
	public List<String> getCacheNames() {
		return this.cacheNames;
	}

	/**
	 * Set the names of the caches to create at startup.
	 * @param cacheNames the cache names
	 */
	public void setCacheNames(List<String> cacheNames) {
		this.cacheNames = cacheNames;
	}

	/**
	 * Return whether a cache is created on first use for a name not configured up front.
	 * @return {@code true} if caches are created on demand
	 */
	public boolean isDynamic() {
		return this.dynamic;
	}

	/**
	 * Set whether to create a cache on first use for a name not configured up front.
	 * @param dynamic whether to create caches on demand
	 */
	public void setDynamic(boolean dynamic) {
		this.dynamic = dynamic;
	}

	/**
	 * Return whether null values are cached.
	 * @return {@code true} if null values are cached
	 */
	public boolean isAllowNullValues() {
		return this.allowNullValues;
	}

	/**
	 * Set whether to cache null values.
	 * @param allowNullValues whether to cache null values
	 */
	public void setAllowNullValues(boolean allowNullValues) {
		this.allowNullValues = allowNullValues;
	}

	/**
	 * Return the bounds of individual caches, by cache name.
	 * @return the per-cache bounds
	 */
	public Map<String, FaasCacheSpec> getCaches() {
		return this.caches;
	}

	/**
	 * Set the bounds of individual caches, by cache name.
	 * @param caches the per-cache bounds
	 */
	public void setCaches(Map<String, FaasCacheSpec> caches) {
		this.caches = caches;
	}

}
