/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

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
	 * Byte budget of all caches of the manager together, such as 256M or 25% of the heap. When it
	 * is exceeded, the least recently used entry across all caches is evicted first; the bounds of
	 * each cache still apply. Unbounded when not set.
	 */
	private @Nullable String totalMaxSize;

	/**
	 * What the caches do when the JVM is restored from a snapshot (AWS Lambda SnapStart, CRaC):
	 * 'keep' every entry, 'clear' them all, or 'expire' those whose time to live ran out in
	 * wall-clock time since the snapshot. Needs org.crac:crac on the classpath.
	 */
	private RestorePolicy onRestore = RestorePolicy.EXPIRE;

	// hides the field of FaasCacheSpec: under faas.cache.l2 the connection settings join those a
	// cache may override, and the metadata processor reads the field of this class

	/**
	 * Second level of every cache, in Redis, unless overridden under 'faas.cache.caches', and how
	 * it connects to Redis.
	 */
	@NestedConfigurationProperty
	private final SecondLevelProperties l2 = new SecondLevelProperties();

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

	/**
	 * Return the byte budget of all caches together.
	 * @return the budget as written, or {@code null} if unbounded
	 */
	public @Nullable String getTotalMaxSize() {
		return this.totalMaxSize;
	}

	/**
	 * Set the byte budget of all caches together.
	 * @param totalMaxSize the budget, such as {@code 256M} or {@code 25%}, or {@code null}
	 */
	public void setTotalMaxSize(@Nullable String totalMaxSize) {
		this.totalMaxSize = totalMaxSize;
	}

	/**
	 * Return what the caches do when the JVM is restored from a snapshot.
	 * @return the restore policy
	 */
	public RestorePolicy getOnRestore() {
		return this.onRestore;
	}

	/**
	 * Set what the caches do when the JVM is restored from a snapshot.
	 * @param onRestore the restore policy
	 */
	public void setOnRestore(RestorePolicy onRestore) {
		this.onRestore = onRestore;
	}

	/**
	 * Return the settings of the second level of every cache, in Redis, and of its connection.
	 * @return the second level settings
	 */
	@Override
	public SecondLevelProperties getL2() {
		return this.l2;
	}

}
