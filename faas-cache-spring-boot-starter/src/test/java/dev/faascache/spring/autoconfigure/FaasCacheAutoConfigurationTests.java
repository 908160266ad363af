/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.faascache.ByteSize;
import dev.faascache.FaasCache;
import dev.faascache.FakeTicker;
import dev.faascache.RemovalCause;
import dev.faascache.RemovalListener;
import dev.faascache.Sizer;
import dev.faascache.spring.FaasCacheManager;
import dev.faascache.spring.FaasSpringCache;
import dev.faascache.spring.SecondLevel;
import dev.faascache.spring.TwoLevelFaasSpringCache;
import dev.faascache.spring.metrics.FaasCacheMeterBinderProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.support.NoOpCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FaasCacheAutoConfiguration}.
 */
class FaasCacheAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FaasCacheAutoConfiguration.class, CacheAutoConfiguration.class))
		.withUserConfiguration(CachingConfiguration.class);

	@Test
	void createsFaasCacheManagerWhenCachingIsEnabled() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CacheManager.class);
			assertThat(context.getBean(CacheManager.class)).isInstanceOf(FaasCacheManager.class);
		});
	}

	@Test
	void leavesCachesUnboundedWithNullsAllowedAndDynamicCreationByDefault() {
		this.contextRunner.run((context) -> {
			FaasCacheManager cacheManager = context.getBean(FaasCacheManager.class);
			assertThat(cacheManager.getCacheNames()).isEmpty();
			FaasSpringCache cache = cacheManager.getCache("products");
			assertThat(cache).isNotNull();
			assertThat(cache.isAllowNullValues()).isTrue();
			FaasCache<Object, Object> nativeCache = cache.getNativeCache();
			assertThat(nativeCache.getMaxSize()).isEmpty();
			assertThat(nativeCache.getMaxItems()).isEmpty();
			assertThat(nativeCache.getDefaultTtl()).isNull();
		});
	}

	@Test
	void bindsEveryPropertyAndPerCacheOverrides() {
		this.contextRunner
			.withPropertyValues("faas.cache.max-size=128M", "faas.cache.max-items=10000", "faas.cache.default-ttl=60s",
					"faas.cache.cache-names=products,users", "faas.cache.dynamic=false",
					"faas.cache.allow-null-values=false", "faas.cache.caches.users.max-size=8M",
					"faas.cache.caches.users.default-ttl=5m", "faas.cache.caches.orders.max-items=5")
			.run((context) -> {
				FaasCacheManager cacheManager = context.getBean(FaasCacheManager.class);
				assertThat(cacheManager.getCacheNames()).containsExactly("products", "users", "orders");
				assertThat(cacheManager.isDynamic()).isFalse();
				assertThat(cacheManager.getCache("other")).isNull();
				assertBounds(cacheManager, "products", "128M", 10000L, Duration.ofSeconds(60));
				assertBounds(cacheManager, "users", "8M", 10000L, Duration.ofMinutes(5));
				assertBounds(cacheManager, "orders", "128M", 5L, Duration.ofSeconds(60));
				assertThat(cacheManager.getCache("products").isAllowNullValues()).isFalse();
			});
	}

	@Test
	void createsCachesNamedBySpringCacheCacheNamesAtStartupWithTheirMeters() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					CacheMetricsAutoConfiguration.class))
			.withPropertyValues("spring.cache.cache-names=products,users", "faas.cache.cache-names=orders",
					"faas.cache.dynamic=false", "faas.cache.max-items=5")
			.run((context) -> {
				FaasCacheManager cacheManager = context.getBean(FaasCacheManager.class);
				assertThat(cacheManager.getCacheNames()).containsExactly("orders", "products", "users");
				assertThat(cacheManager.getCache("users").getNativeCache().getMaxItems()).hasValue(5L);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("cache.gets").tag("cache", "products").meters()).hasSize(2);
				assertThat(registry.find("cache.heap.used").tag("cache", "users").gauge()).isNotNull();
			});
	}

	@Test
	void appliesTopLevelBoundsToDynamicCaches() {
		this.contextRunner.withPropertyValues("faas.cache.max-size=64M", "faas.cache.max-items=100")
			.run((context) -> assertBounds(context.getBean(FaasCacheManager.class), "dynamic", "64M", 100L, null));
	}

	@Test
	void acceptsSizesWithUnitAndByteSuffixOrAsBareBytes() {
		this.contextRunner
			.withPropertyValues("faas.cache.max-size=128MB", "faas.cache.caches.bytes.max-size=134217728",
					"faas.cache.caches.lower.max-size=128m")
			.run((context) -> {
				FaasCacheManager cacheManager = context.getBean(FaasCacheManager.class);
				for (String name : List.of("dynamic", "bytes", "lower")) {
					assertThat(cacheManager.getCache(name).getNativeCache().getMaxSize()).map(ByteSize::toBytes)
						.hasValue(134217728L);
				}
			});
	}

	@Test
	void readsBareNumberTtlAsSeconds() {
		this.contextRunner.withPropertyValues("faas.cache.default-ttl=90", "faas.cache.caches.users.default-ttl=5")
			.run((context) -> {
				FaasCacheManager cacheManager = context.getBean(FaasCacheManager.class);
				assertThat(cacheManager.getCache("products").getNativeCache().getDefaultTtl())
					.isEqualTo(Duration.ofSeconds(90));
				assertThat(cacheManager.getCache("users").getNativeCache().getDefaultTtl())
					.isEqualTo(Duration.ofSeconds(5));
			});
	}

	@Test
	void failsStartupOnMalformedMaxSize() {
		this.contextRunner.withPropertyValues("faas.cache.max-size=12X")
			.run((context) -> assertInvalidProperty(context, "faas.cache.max-size", "12X", ByteSize.ACCEPTED_FORMS));
	}

	@Test
	void failsStartupOnMalformedPerCacheMaxSize() {
		this.contextRunner.withPropertyValues("faas.cache.caches.users.max-size=M")
			.run((context) -> assertInvalidProperty(context, "faas.cache.caches.users.max-size", "M",
					ByteSize.ACCEPTED_FORMS));
	}

	@Test
	void failsStartupOnMaxSizeTooSmallForTheCacheItself() {
		this.contextRunner.withPropertyValues("faas.cache.caches.users.max-size=16")
			.run((context) -> assertInvalidProperty(context, "faas.cache.caches.users.max-size", "16",
					"maxSize must be at least"));
	}

	@Test
	void failsStartupOnNonPositiveMaxItems() {
		this.contextRunner.withPropertyValues("faas.cache.caches.users.max-items=0")
			.run((context) -> assertInvalidProperty(context, "faas.cache.caches.users.max-items", "0",
					"Expected a positive number of entries"));
	}

	@Test
	void failsStartupOnNonPositiveTtl() {
		this.contextRunner.withPropertyValues("faas.cache.default-ttl=-5s")
			.run((context) -> assertInvalidProperty(context, "faas.cache.default-ttl", "PT-5S",
					"Expected a positive duration"));
	}

	@Test
	void failsStartupOnMalformedTtlNamingPropertyAndValue() {
		this.contextRunner.withPropertyValues("faas.cache.default-ttl=soon").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("Failed to bind properties under 'faas.cache.default-ttl'")
				.rootCause()
				.hasMessageContaining("'soon' is not a valid duration");
		});
	}

	@Test
	void backsOffWithoutEnableCaching() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FaasCacheAutoConfiguration.class, CacheAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CacheManager.class));
	}

	@Test
	void backsOffWhenUserDefinesCacheManager() {
		this.contextRunner.withUserConfiguration(UserCacheManagerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(CacheManager.class);
			assertThat(context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
		});
	}

	@Test
	void backsOffWhenCacheTypeIsNone() {
		this.contextRunner.withPropertyValues("spring.cache.type=none").run((context) -> {
			assertThat(context).doesNotHaveBean(FaasCacheManager.class);
			assertThat(context.getBean(CacheManager.class)).isInstanceOf(NoOpCacheManager.class);
		});
	}

	@Test
	void backsOffWhenAnotherCacheTypeIsChosen() {
		this.contextRunner.withPropertyValues("spring.cache.type=simple").run((context) -> {
			assertThat(context).doesNotHaveBean(FaasCacheManager.class);
			assertThat(context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
		});
	}

	@Test
	void usesTickerBeanForExpiry() {
		this.contextRunner.withUserConfiguration(TickerConfiguration.class)
			.withPropertyValues("faas.cache.default-ttl=10s")
			.run((context) -> {
				FaasSpringCache cache = context.getBean(FaasCacheManager.class).getCache("products");
				cache.put("key", "value");
				context.getBean(FakeTicker.class).advance(Duration.ofSeconds(9));
				assertThat(cache.get("key", String.class)).isEqualTo("value");
				context.getBean(FakeTicker.class).advance(Duration.ofSeconds(1));
				assertThat(cache.get("key")).isNull();
			});
	}

	@Test
	void usesSizerBeanToMeasureEntries() {
		this.contextRunner.withUserConfiguration(SizerConfiguration.class)
			.withPropertyValues("faas.cache.max-size=64K")
			.run((context) -> {
				FaasSpringCache cache = context.getBean(FaasCacheManager.class).getCache("products");
				cache.put("small", "value");
				cache.put("large", new Large());
				assertThat(cache.get("small", String.class)).isEqualTo("value");
				assertThat(cache.get("large")).isNull();
				assertThat(cache.getNativeCache().stats().rejectionCount()).isEqualTo(1);
			});
	}

	@Test
	void tellsRemovalListenerBeanOfRemovalsWithNullForCachedNull() {
		this.contextRunner.withUserConfiguration(RemovalListenerConfiguration.class).run((context) -> {
			FaasSpringCache cache = context.getBean(FaasCacheManager.class).getCache("products");
			cache.put("key", null);
			cache.evict("key");
			assertThat(context.getBean(RecordingRemovalListener.class).removals).containsExactly("key=null:EXPLICIT");
		});
	}

	@Test
	void appliesCacheManagerCustomizersForFaasCacheManagerOnly() {
		this.contextRunner.withUserConfiguration(CustomizerConfiguration.class)
			.withPropertyValues("faas.cache.cache-names=products")
			.run((context) -> {
				FaasCacheManager cacheManager = context.getBean(FaasCacheManager.class);
				assertThat(cacheManager.isDynamic()).isFalse();
				assertThat(cacheManager.getCache("other")).isNull();
				assertThat(cacheManager.getCache("products")).isNotNull();
			});
	}

	@Test
	void registersMeterBinderProviderWhenMicrometerIsPresent() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(FaasCacheMeterBinderProvider.class));
	}

	@Test
	void worksWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class)).run((context) -> {
			assertThat(context).hasSingleBean(FaasCacheManager.class);
			assertThat(context).doesNotHaveBean(FaasCacheMeterBinderProvider.class);
		});
	}

	@Test
	void keepsCachesInTheHeapOnlyByDefaultEvenWithSpringDataRedis() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(SecondLevel.class);
			assertThat(context.getBean(FaasCacheManager.class).getCache("products"))
				.isNotInstanceOf(TwoLevelFaasSpringCache.class);
		});
	}

	@Test
	void worksWithoutSpringDataRedis() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(SecondLevel.class);
			FaasSpringCache cache = context.getBean(FaasCacheManager.class).getCache("products");
			cache.put("key", "value");
			assertThat(cache.get("key", String.class)).isEqualTo("value");
		});
	}

	@Test
	void failsStartupWhenSecondLevelIsEnabledWithoutSpringDataRedis() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
			.withPropertyValues("faas.cache.l2.enabled=true")
			.run((context) -> assertInvalidProperty(context, "faas.cache.l2.enabled", "true",
					"needs Spring Data Redis on the classpath"));
	}

	@Test
	void failsStartupWhenSecondLevelOfOneCacheIsEnabledWithoutRedisConnectionFactory() {
		this.contextRunner.withPropertyValues("faas.cache.caches.users.l2.enabled=true")
			.run((context) -> assertInvalidProperty(context, "faas.cache.caches.users.l2.enabled", "true",
					"RedisConnectionFactory bean"));
	}

	private static void assertBounds(FaasCacheManager cacheManager, String name, String maxSize, Long maxItems,
			Duration defaultTtl) {
		FaasCache<Object, Object> cache = cacheManager.getCache(name).getNativeCache();
		assertThat(cache.getMaxSize()).map(ByteSize::toString).hasValue(maxSize);
		assertThat(cache.getMaxItems()).hasValue(maxItems);
		assertThat(cache.getDefaultTtl()).isEqualTo(defaultTtl);
	}

	private static void assertInvalidProperty(AssertableApplicationContext context, String property, String value,
			String reason) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).rootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining(property)
			.hasMessageContaining("'" + value + "'")
			.hasMessageContaining(reason);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class UserCacheManagerConfiguration {

		@Bean
		CacheManager userCacheManager() {
			return new ConcurrentMapCacheManager();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TickerConfiguration {

		@Bean
		FakeTicker ticker() {
			return new FakeTicker();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SizerConfiguration {

		@Bean
		Sizer sizer() {
			return (object) -> (object instanceof Large) ? 1024 * 1024 : 64;
		}

	}

	static class Large {

	}

	@Configuration(proxyBeanMethods = false)
	static class RemovalListenerConfiguration {

		@Bean
		RecordingRemovalListener removalListener() {
			return new RecordingRemovalListener();
		}

	}

	static class RecordingRemovalListener implements RemovalListener<Object, Object> {

		private final List<String> removals = new CopyOnWriteArrayList<>();

		@Override
		public void onRemoval(Object key, Object value, RemovalCause cause) {
			this.removals.add(key + "=" + value + ":" + cause);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(UserCacheManagerCustomizerConfiguration.class)
	static class CustomizerConfiguration {

		@Bean
		CacheManagerCustomizer<FaasCacheManager> staticCaches() {
			return (cacheManager) -> cacheManager.setDynamic(false);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserCacheManagerCustomizerConfiguration {

		@Bean
		CacheManagerCustomizer<ConcurrentMapCacheManager> otherCustomizer() {
			return (cacheManager) -> {
				throw new IllegalStateException("must not be called for another cache manager type");
			};
		}

	}

}
