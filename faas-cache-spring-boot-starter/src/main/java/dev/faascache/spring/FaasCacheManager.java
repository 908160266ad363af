/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

import dev.faascache.FaasCache;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.cache.CacheManager;

/**
 * {@link CacheManager} that holds one {@link FaasSpringCache} per cache name, each backed by its
 * own {@link FaasCache} built by a factory that is given the cache name.
 * <pre class="code">
 * FaasCacheManager cacheManager = new FaasCacheManager((name) -&gt; FaasCache.builder()
 *         .maxSize("64M")
 *         .defaultTtl(Duration.ofMinutes(5))
 *         .build());
 * cacheManager.setCacheNames(List.of("products", "users"));
 * </pre>
 * Caches named with {@link #setCacheNames(Collection)} are created when the manager is
 * initialized; others are created on first use unless {@link #setDynamic(boolean) dynamic}
 * creation is turned off. Configure the manager before it is used: settings apply to caches
 * created afterwards.
 */
public class FaasCacheManager implements CacheManager, InitializingBean {

	private final ConcurrentMap<String, FaasSpringCache> caches = new ConcurrentHashMap<>(16);

	private final Function<String, FaasCache<Object, Object>> cacheFactory;

	private volatile Set<String> cacheNames = Collections.emptySet();

	private volatile boolean dynamic = true;

	private volatile boolean allowNullValues = true;

	private volatile @Nullable SecondLevel secondLevel;

	/**
	 * Create a manager that builds each cache with the given factory.
	 * @param cacheFactory builds a new, empty {@link FaasCache} for the cache name it is given
	 * @throws NullPointerException if {@code cacheFactory} is {@code null}
	 */
	public FaasCacheManager(Function<String, FaasCache<Object, Object>> cacheFactory) {
		this.cacheFactory = Objects.requireNonNull(cacheFactory, "cacheFactory must not be null");
	}

	/**
	 * Name the caches to create when the manager is initialized. They are available even when
	 * dynamic creation is off.
	 * @param cacheNames the names of the caches
	 * @throws NullPointerException if {@code cacheNames} or one of the names is {@code null}
	 */
	public void setCacheNames(Collection<String> cacheNames) {
		Objects.requireNonNull(cacheNames, "cacheNames must not be null");
		cacheNames.forEach((name) -> Objects.requireNonNull(name, "cache names must not be null"));
		this.cacheNames = Collections.unmodifiableSet(new LinkedHashSet<>(cacheNames));
	}

	/**
	 * Set whether to create a cache on first use for a name not set with
	 * {@link #setCacheNames(Collection)}. When off, {@link #getCache(String)} returns {@code null}
	 * for such a name. On by default.
	 * @param dynamic whether to create caches on demand
	 */
	public void setDynamic(boolean dynamic) {
		this.dynamic = dynamic;
	}

	/**
	 * Return whether caches are created on first use for names not set up front.
	 * @return {@code true} if caches are created on demand
	 */
	public boolean isDynamic() {
		return this.dynamic;
	}

	/**
	 * Set whether the caches accept and store {@code null} values, as Spring's
	 * {@link org.springframework.cache.support.NullValue}. On by default.
	 * @param allowNullValues whether to allow {@code null} values
	 */
	public void setAllowNullValues(boolean allowNullValues) {
		this.allowNullValues = allowNullValues;
	}

	/**
	 * Return whether the caches accept and store {@code null} values.
	 * @return {@code true} if {@code null} values are allowed
	 */
	public boolean isAllowNullValues() {
		return this.allowNullValues;
	}

	/**
	 * Set the second level behind the heap, such as Redis, shared by every instance of the
	 * application. Caches for which it has a remote cache are {@link TwoLevelFaasSpringCache}s;
	 * the others keep their entries in the heap only. None by default.
	 * @param secondLevel the second level, or {@code null} for none
	 */
	public void setSecondLevel(@Nullable SecondLevel secondLevel) {
		this.secondLevel = secondLevel;
	}

	/**
	 * Return the second level behind the heap.
	 * @return the second level, or {@code null} if there is none
	 */
	public @Nullable SecondLevel getSecondLevel() {
		return this.secondLevel;
	}

	/**
	 * Create the caches named with {@link #setCacheNames(Collection)}.
	 * @throws RuntimeException if the cache factory fails to build a cache, for example because
	 * of a bad configuration
	 */
	@Override
	public void afterPropertiesSet() {
		this.cacheNames.forEach(this::getCache);
	}

	/**
	 * Return the cache with the given name, creating it if it is named up front or if dynamic
	 * creation is on.
	 * @return the cache, or {@code null} if there is none and dynamic creation is off
	 * @throws RuntimeException if the cache factory fails to build a cache, for example because
	 * of a bad configuration
	 */
	@Override
	public @Nullable FaasSpringCache getCache(String name) {
		FaasSpringCache cache = this.caches.get(name);
		if (cache != null || (!this.dynamic && !this.cacheNames.contains(name))) {
			return cache;
		}
		return this.caches.computeIfAbsent(name, this::createCache);
	}

	/**
	 * Return the names of the caches named up front and of those created since.
	 */
	@Override
	public Collection<String> getCacheNames() {
		Set<String> names = new LinkedHashSet<>(this.cacheNames);
		names.addAll(this.caches.keySet());
		return Collections.unmodifiableSet(names);
	}

	/**
	 * Create the cache for the given name.
	 * @param name the cache name
	 * @return a new cache around a {@link FaasCache} built by the factory, with a second level if
	 * the second level has one for the name
	 * @throws RuntimeException if the cache factory fails to build a cache, for example because
	 * of a bad configuration
	 */
	protected FaasSpringCache createCache(String name) {
		FaasCache<Object, Object> cache = this.cacheFactory.apply(name);
		SecondLevel secondLevel = this.secondLevel;
		SecondLevelCache remote = (secondLevel != null) ? secondLevel.cache(name) : null;
		return (remote != null) ? new TwoLevelFaasSpringCache(name, cache, this.allowNullValues, remote)
				: new FaasSpringCache(name, cache, this.allowNullValues);
	}

}
