/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.autoconfigure;

import java.util.Set;
import java.util.stream.Collectors;

import dev.faascache.ByteSize;
import dev.faascache.FaasCache;
import dev.faascache.Sizer;
import dev.faascache.spring.FaasCacheManager;
import dev.faascache.spring.FaasCacheRestoreHandler;
import dev.faascache.spring.FaasSpringCache;
import dev.faascache.spring.RestorePolicy;
import org.crac.Resource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for what fits the starter to a function: a budget relative to the heap, one budget for
 * all caches, the restore policy after a snapshot, and no threads of its own.
 */
class FaasCacheLambdaFitnessTests {

	private static final long ENTRY_SIZER_BYTES = 1024;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FaasCacheAutoConfiguration.class, CacheAutoConfiguration.class))
		.withUserConfiguration(CachingConfiguration.class);

	@Test
	void maxSizeAsShareOfHeapResolvesToBytes() {
		this.contextRunner.withPropertyValues("faas.cache.max-size=10%", "faas.cache.cache-names=products")
			.run((context) -> {
				FaasCache<Object, Object> cache = context.getBean(FaasCacheManager.class)
					.getCache("products")
					.getNativeCache();
				assertThat(cache.getMaxSize()).map(ByteSize::toBytes).hasValue(Runtime.getRuntime().maxMemory() / 10);
			});
	}

	@Test
	void failsStartupOnShareOfHeapOutOfRange() {
		assertStartupFailsNaming("faas.cache.max-size", "150%", "at most 100%");
	}

	@Test
	void totalMaxSizeBoundsAllCachesTogetherEvictingLeastRecentlyUsedAcrossThem() {
		this.contextRunner.withUserConfiguration(SizerConfiguration.class)
			.withPropertyValues("faas.cache.total-max-size=64K", "faas.cache.cache-names=products,users,orders")
			.run((context) -> {
				FaasCacheManager cacheManager = context.getBean(FaasCacheManager.class);
				FaasSpringCache products = cacheManager.getCache("products");
				FaasSpringCache users = cacheManager.getCache("users");
				FaasSpringCache orders = cacheManager.getCache("orders");
				products.put("first", "value");
				for (int i = 0; i < 100; i++) {
					users.put("user" + i, "value");
					orders.put("order" + i, "value");
					products.get("first");
				}
				long total = products.getNativeCache().getByteSize() + users.getNativeCache().getByteSize()
						+ orders.getNativeCache().getByteSize();
				assertThat(total).isLessThanOrEqualTo(64 * 1024);
				assertThat(products.getNativeCache()).containsKey("first");
				assertThat(users.getNativeCache()).doesNotContainKey("user0").containsKey("user99");
				assertThat(orders.getNativeCache()).doesNotContainKey("order0").containsKey("order99");
			});
	}

	@Test
	void failsStartupOnMalformedTotalMaxSize() {
		assertStartupFailsNaming("faas.cache.total-max-size", "lots", "for example 25%");
	}

	private void assertStartupFailsNaming(String property, String value, String accepted) {
		this.contextRunner.withPropertyValues(property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining(property)
				.hasMessageContaining("'" + value + "'")
				.hasMessageContaining(accepted);
		});
	}

	@Test
	void registersRestoreHandlerWithExpirePolicyByDefault() {
		this.contextRunner.run((context) -> assertThat(context.getBean(FaasCacheRestoreHandler.class).getPolicy())
			.isEqualTo(RestorePolicy.EXPIRE));
	}

	@Test
	void bindsRestorePolicy() {
		this.contextRunner.withPropertyValues("faas.cache.on-restore=clear")
			.run((context) -> assertThat(context.getBean(FaasCacheRestoreHandler.class).getPolicy())
				.isEqualTo(RestorePolicy.CLEAR));
	}

	@Test
	void worksWithoutCrac() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Resource.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(FaasCacheRestoreHandler.class);
			assertThat(context).hasSingleBean(FaasCacheManager.class);
		});
	}

	@Test
	void startsNoThread() {
		Set<String> before = liveThreadNames();
		this.contextRunner.withPropertyValues("faas.cache.max-size=8M", "faas.cache.default-ttl=1s",
				"faas.cache.cache-names=products,users")
			.run((context) -> {
				context.getBean(FaasCacheManager.class).getCache("products").put("key", "value");
				assertThat(liveThreadNames()).isSubsetOf(before);
			});
	}

	private static Set<String> liveThreadNames() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.collect(Collectors.toSet());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class SizerConfiguration {

		@Bean
		Sizer sizer() {
			return (object) -> ENTRY_SIZER_BYTES;
		}

	}

}
