/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.faascache.FaasCache;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link FaasCacheManager}.
 */
class FaasCacheManagerTests {

	private final List<String> built = new CopyOnWriteArrayList<>();

	private final FaasCacheManager cacheManager = new FaasCacheManager((name) -> {
		this.built.add(name);
		return FaasCache.builder().maxItems(name.length()).build();
	});

	@Test
	void createsNamedCachesWhenInitialized() {
		this.cacheManager.setCacheNames(List.of("products", "users"));
		assertThat(this.built).isEmpty();
		this.cacheManager.afterPropertiesSet();
		assertThat(this.built).containsExactly("products", "users");
		assertThat(this.cacheManager.getCacheNames()).containsExactly("products", "users");
	}

	@Test
	void returnsTheSameCacheForTheSameNameBuiltOnce() {
		FaasSpringCache cache = this.cacheManager.getCache("products");
		assertThat(this.cacheManager.getCache("products")).isSameAs(cache);
		assertThat(this.built).containsExactly("products");
	}

	@Test
	void givesEachNameItsOwnFaasCacheFromTheFactory() {
		FaasSpringCache products = this.cacheManager.getCache("products");
		FaasSpringCache users = this.cacheManager.getCache("users");
		assertThat(products.getName()).isEqualTo("products");
		assertThat(products.getNativeCache().getMaxItems()).hasValue(8);
		assertThat(users.getNativeCache().getMaxItems()).hasValue(5);
		products.put("key", "value");
		assertThat(users.get("key")).isNull();
	}

	@Test
	void createsCacheForUnknownNameWhenDynamic() {
		this.cacheManager.setCacheNames(List.of("products"));
		this.cacheManager.afterPropertiesSet();
		assertThat(this.cacheManager.getCache("other")).isNotNull();
		assertThat(this.cacheManager.getCacheNames()).containsExactly("products", "other");
	}

	@Test
	void returnsNullForUnknownNameWhenNotDynamic() {
		this.cacheManager.setCacheNames(List.of("products"));
		this.cacheManager.setDynamic(false);
		this.cacheManager.afterPropertiesSet();
		assertThat(this.cacheManager.getCache("other")).isNull();
		assertThat(this.cacheManager.getCache("products")).isNotNull();
		assertThat(this.cacheManager.getCacheNames()).containsExactly("products");
	}

	@Test
	void createsNamedCacheBeforeInitializationWhenNotDynamic() {
		this.cacheManager.setCacheNames(List.of("products"));
		this.cacheManager.setDynamic(false);
		assertThat(this.cacheManager.getCache("products")).isNotNull();
	}

	@Test
	void cachesRefuseNullWhenNullValuesAreNotAllowed() {
		this.cacheManager.setAllowNullValues(false);
		FaasSpringCache cache = this.cacheManager.getCache("products");
		assertThat(cache.isAllowNullValues()).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> cache.put("key", null));
	}

	@Test
	void isDynamicAndAllowsNullValuesByDefault() {
		assertThat(this.cacheManager.isDynamic()).isTrue();
		assertThat(this.cacheManager.isAllowNullValues()).isTrue();
		assertThat(this.cacheManager.getCache("products").isAllowNullValues()).isTrue();
	}

}
