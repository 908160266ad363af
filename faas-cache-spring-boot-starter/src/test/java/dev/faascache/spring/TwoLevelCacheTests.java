/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import dev.faascache.FakeTicker;
import dev.faascache.spring.autoconfigure.FaasCacheAutoConfiguration;
import dev.faascache.spring.redis.RedisServer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of two-level caches against a real Redis server: read-through and write-through, the time
 * to live in both levels, and two cache managers, standing for two instances of a function,
 * sharing the second level.
 */
class TwoLevelCacheTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, FaasCacheAutoConfiguration.class,
				CacheAutoConfiguration.class))
		.withUserConfiguration(CachingConfiguration.class)
		.withPropertyValues("spring.data.redis.port=" + redis.port(), "faas.cache.l2.enabled=true",
				"faas.cache.default-ttl=60s", "faas.cache.cache-names=products,users",
				"faas.cache.l2.trusted-packages=dev.faascache.spring", "faas.cache.l2.connect-timeout=10s",
				"faas.cache.l2.timeout=5s");

	@Test
	void cachesAreTwoLevelWhenEnabled() {
		this.contextRunner.run((context) -> {
			FaasCacheManager cacheManager = context.getBean(FaasCacheManager.class);
			assertThat(cacheManager.getCache("products")).isInstanceOf(TwoLevelFaasSpringCache.class);
			assertThat(cacheManager.getCache("created-on-first-use")).isInstanceOf(TwoLevelFaasSpringCache.class);
		});
	}

	@Test
	void loadReadsThroughHeapThenRedisThenLoaderAndFillsBothLevels() {
		twoInstances((first, second) -> {
			AtomicInteger loads = new AtomicInteger();
			assertThat(products(first).get("42", () -> product("42", loads))).isEqualTo(product("42"));
			assertThat(redis.command("EXISTS", "products::42")).isEqualTo(1L);
			TwoLevelCacheCoherenceTests.awaitReceived(second, 1);
			assertThat(products(second).get("42", () -> product("42", loads))).isEqualTo(product("42"));
			assertThat(loads).as("loader calls").hasValue(1);
			assertThat(products(second).getNativeCache()).as("heap of the second instance").containsKey("42");
			assertThat(products(second).getSecondLevel().hitCount()).isEqualTo(1);
			assertThat(products(first).getSecondLevel().missCount()).isEqualTo(1);
		});
	}

	@Test
	void heapHitDoesNotAskRedis() {
		this.contextRunner.run((context) -> {
			TwoLevelFaasSpringCache products = products(context);
			products.put("42", product("42"));
			assertThat(products.get("42", Product.class)).isEqualTo(product("42"));
			SecondLevelCache secondLevel = products.getSecondLevel();
			assertThat(secondLevel.hitCount() + secondLevel.missCount()).isZero();
		});
	}

	@Test
	void putAndEvictGoToBothLevels() {
		twoInstances((first, second) -> {
			products(first).put("42", product("42"));
			assertThat(products(second).get("42", Product.class)).isEqualTo(product("42"));
			products(first).evict("42");
			assertThat(products(first).getNativeCache()).doesNotContainKey("42");
			assertThat(redis.command("EXISTS", "products::42")).isEqualTo(0L);
			assertThat(products(first).evictIfPresent("42")).isFalse();
		});
	}

	@Test
	void putIfAbsentIsAtomicInRedisAcrossInstances() {
		twoInstances((first, second) -> {
			assertThat(products(first).putIfAbsent("42", product("42"))).isNull();
			TwoLevelCacheCoherenceTests.awaitReceived(second, 1);
			assertThat(products(second).putIfAbsent("42", new Product("42", "other", BigDecimal.ONE, List.of())))
				.satisfies((existing) -> assertThat(existing.get()).isEqualTo(product("42")));
			assertThat(products(second).getNativeCache()).containsEntry("42", product("42"));
		});
	}

	@Test
	void clearEmptiesBothLevelsOfThatCacheOnly() {
		this.contextRunner.run((context) -> {
			products(context).put("1", product("1"));
			products(context).put("2", product("2"));
			cache(context, "users").put("1", "user 1");
			products(context).clear();
			assertThat(products(context).getNativeCache()).isEmpty();
			assertThat(redis.command("KEYS", "products::*")).asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
			assertThat(redis.command("KEYS", "users::*")).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly("users::1");
			assertThat(cache(context, "users").invalidate()).isTrue();
			assertThat(redis.command("KEYS", "users::*")).asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
		});
	}

	@Test
	void entriesExpireInRedisAfterTheCacheTtlByDefault() {
		this.contextRunner.run((context) -> {
			products(context).put("42", product("42"));
			assertThat((Long) redis.command("PTTL", "products::42")).isBetween(30_000L, 60_000L);
		});
	}

	@Test
	void l2TtlOverridesCacheTtlInRedisOnlyAndPerCacheL2TtlOverridesBoth() {
		this.contextRunner.withPropertyValues("faas.cache.l2.ttl=10m", "faas.cache.caches.users.l2.ttl=1h")
			.run((context) -> {
				products(context).put("42", product("42"));
				cache(context, "users").put("u", "user");
				cache(context, "orders").put("o", "order");
				assertThat((Long) redis.command("PTTL", "products::42")).isBetween(570_000L, 600_000L);
				assertThat((Long) redis.command("PTTL", "users::u")).isBetween(3_570_000L, 3_600_000L);
				assertThat((Long) redis.command("PTTL", "orders::o")).isBetween(570_000L, 600_000L);
				assertThat(products(context).getNativeCache().getTtl("42")).hasValueSatisfying(
						(ttl) -> assertThat(ttl).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60)));
			});
	}

	@Test
	void entriesDoNotExpireInRedisWhenNoTtlIsSet() {
		this.contextRunner.withPropertyValues("faas.cache.default-ttl=").run((context) -> {
			products(context).put("42", product("42"));
			assertThat(redis.command("PTTL", "products::42")).isEqualTo(-1L);
		});
	}

	@Test
	void heapExpiryFallsBackToRedisBeforeTheLoader() {
		this.contextRunner.withUserConfiguration(TickerConfiguration.class).run((context) -> {
			AtomicInteger loads = new AtomicInteger();
			products(context).get("42", () -> product("42", loads));
			context.getBean(FakeTicker.class).advance(Duration.ofSeconds(60));
			assertThat(products(context).getNativeCache()).doesNotContainKey("42");
			assertThat(products(context).get("42", () -> product("42", loads))).isEqualTo(product("42"));
			assertThat(loads).hasValue(1);
			assertThat(products(context).getNativeCache()).containsKey("42");
		});
	}

	@Test
	void valuesComeBackFromRedisAsTheirOwnTypes() {
		Map<String, Object> values = Map.of("long", 42L, "decimal", new BigDecimal("16.62"), "date",
				LocalDate.of(2026, 12, 1), "record", product("42"), "list", List.of(product("1"), product("2")),
				"bytes", new byte[] { 1, 2, 3 });
		twoInstances((first, second) -> {
			values.forEach((key, value) -> products(first).put(key, value));
			products(first).put("null", null);
			values.forEach((key, value) -> assertThat(products(second).get(key)).as(key)
				.satisfies((wrapper) -> assertThat(wrapper.get()).isEqualTo(value)));
			assertThat(products(second).get("null")).satisfies((wrapper) -> assertThat(wrapper.get()).isNull());
			assertThat(products(second).getSecondLevel().errorCount()).isZero();
		});
	}

	@Test
	void valueOfUntrustedPackageIsNotReadBackAndTheLoaderRunsInstead() {
		this.contextRunner.withPropertyValues("faas.cache.l2.trusted-packages=").run((first) -> {
			products(first).put("42", product("42"));
			this.contextRunner.withPropertyValues("faas.cache.l2.trusted-packages=").run((second) -> {
				AtomicInteger loads = new AtomicInteger();
				assertThat(products(second).get("42", () -> product("42", loads))).isEqualTo(product("42"));
				assertThat(loads).hasValue(1);
				assertThat(products(second).getSecondLevel().entryErrorCount()).isEqualTo(1);
				assertThat(products(second).getSecondLevel().errorCount()).isZero();
				assertThat(products(second).getSecondLevel().getCircuitBreaker().getState())
					.as("a value that cannot be read does not open the breaker")
					.isEqualTo(dev.faascache.spring.CircuitBreaker.State.CLOSED);
			});
		});
	}

	@Test
	void keyPrefixPrecedesCacheName() {
		this.contextRunner.withPropertyValues("faas.cache.l2.key-prefix=shop:").run((context) -> {
			products(context).put("42", product("42"));
			assertThat(redis.command("EXISTS", "shop:products::42")).isEqualTo(1L);
		});
	}

	@Test
	void jdkSerializationCanBeChosen() {
		this.contextRunner.withPropertyValues("faas.cache.l2.serialization=jdk").run((context) -> {
			products(context).put("date", LocalDate.of(2026, 12, 1));
			products(context).getNativeCache().clear();
			assertThat(products(context).get("date", LocalDate.class)).isEqualTo(LocalDate.of(2026, 12, 1));
		});
	}

	@Test
	void perCacheEnabledOverridesTheDefault() {
		this.contextRunner
			.withPropertyValues("faas.cache.l2.enabled=false", "faas.cache.caches.products.l2.enabled=true")
			.run((context) -> {
				FaasCacheManager cacheManager = context.getBean(FaasCacheManager.class);
				assertThat(cacheManager.getCache("products")).isInstanceOf(TwoLevelFaasSpringCache.class);
				assertThat(cacheManager.getCache("users")).isNotInstanceOf(TwoLevelFaasSpringCache.class);
			});
		this.contextRunner.withPropertyValues("faas.cache.caches.users.l2.enabled=false").run((context) -> {
			FaasCacheManager cacheManager = context.getBean(FaasCacheManager.class);
			assertThat(cacheManager.getCache("products")).isInstanceOf(TwoLevelFaasSpringCache.class);
			assertThat(cacheManager.getCache("users")).isNotInstanceOf(TwoLevelFaasSpringCache.class);
		});
	}

	@Test
	void restoreWithClearPolicyEmptiesThisInstancesHeapButNotTheSharedRedis() {
		ApplicationContextRunner clearing = this.contextRunner.withPropertyValues("faas.cache.on-restore=clear");
		clearing.run((first) -> clearing.run((second) -> {
			products(first).put("42", product("42"));
			FaasCacheRestoreHandler handler = first.getBean(FaasCacheRestoreHandler.class);
			handler.beforeCheckpoint(null);
			handler.afterRestore(null);
			assertThat(products(first).getNativeCache()).isEmpty();
			assertThat(redis.command("EXISTS", "products::42")).isEqualTo(1L);
			assertThat(products(second).get("42", Product.class)).isEqualTo(product("42"));
			assertThat(products(first).get("42", Product.class)).as("read back from Redis").isEqualTo(product("42"));
		}));
	}

	@Test
	void valueFilledFromRedisLivesInTheHeapNoLongerThanItsRemainingRedisTtl() {
		this.contextRunner.withPropertyValues("faas.cache.default-ttl=1h").run((context) -> {
			redis.command("SET", "products::short", "[\"java.lang.String\",\"written by another instance\"]", "PX",
					"5000");
			redis.command("SET", "products::forever", "[\"java.lang.String\",\"written without expiry\"]");
			assertThat(products(context).get("short", String.class)).isEqualTo("written by another instance");
			assertThat(products(context).get("forever", String.class)).isEqualTo("written without expiry");
			assertThat(products(context).getNativeCache().getTtl("short")).hasValueSatisfying(
					(ttl) -> assertThat(ttl).isLessThanOrEqualTo(Duration.ofSeconds(5)).isGreaterThan(Duration.ZERO));
			assertThat(products(context).getNativeCache().getTtl("forever"))
				.hasValueSatisfying((ttl) -> assertThat(ttl).isGreaterThan(Duration.ofMinutes(59)));
		});
	}

	@Test
	void threadCompletingAnAsyncLoadDoesNotWaitForTheRedisWrite() {
		this.contextRunner.withPropertyValues("faas.cache.l2.timeout=10s").run((context) -> {
			TwoLevelFaasSpringCache products = products(context);
			CompletableFuture<String> load = new CompletableFuture<>();
			CompletableFuture<String> result = products.retrieve("async", () -> load);
			redis.command("CLIENT", "PAUSE", "10000", "WRITE");
			try {
				CountDownLatch completed = new CountDownLatch(1);
				new Thread(() -> {
					load.complete("loaded");
					completed.countDown();
				}, "event-loop").start();
				assertThat(completed.await(5, TimeUnit.SECONDS)).as("completing thread is free while Redis is paused")
					.isTrue();
				assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("loaded");
				assertThat(products.getNativeCache()).containsKey("async");
			}
			finally {
				redis.command("CLIENT", "UNPAUSE");
			}
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(redis.command("EXISTS", "products::async")).isEqualTo(1L));
		});
	}

	@Test
	void concurrentLoadsOfAKeyAskRedisOnceAndCallOneLoader() throws Exception {
		this.contextRunner.run((context) -> {
			TwoLevelFaasSpringCache products = products(context);
			AtomicInteger loads = new AtomicInteger();
			int keys = 50;
			ExecutorService executor = Executors.newFixedThreadPool(8);
			try {
				List<Future<?>> calls = new ArrayList<>();
				for (int thread = 0; thread < 8; thread++) {
					calls.add(executor.submit(() -> {
						for (int key = 0; key < keys; key++) {
							String id = String.valueOf(key);
							assertThat(products.get(id, () -> product(id, loads))).isEqualTo(product(id));
						}
					}));
				}
				for (Future<?> call : calls) {
					call.get(30, TimeUnit.SECONDS);
				}
			}
			finally {
				executor.shutdownNow();
			}
			assertThat(loads).hasValue(keys);
			assertThat(products.getSecondLevel().missCount()).as("Redis lookups").isEqualTo(keys);
		});
	}

	private void twoInstances(BiConsumer<AssertableApplicationContext, AssertableApplicationContext> test) {
		this.contextRunner.run((first) -> this.contextRunner.run((second) -> test.accept(first, second)));
	}

	static TwoLevelFaasSpringCache products(AssertableApplicationContext context) {
		return cache(context, "products");
	}

	static TwoLevelFaasSpringCache cache(AssertableApplicationContext context, String name) {
		assertThat(context).hasNotFailed();
		return (TwoLevelFaasSpringCache) context.getBean(FaasCacheManager.class).getCache(name);
	}

	static Product product(String id) {
		return new Product(id, "Product " + id, new BigDecimal("16.62"), List.of("new", "sale"));
	}

	private static Product product(String id, AtomicInteger loads) {
		loads.incrementAndGet();
		return product(id);
	}

	record Product(String id, String name, BigDecimal price, List<String> tags) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class TickerConfiguration {

		@Bean
		FakeTicker ticker() {
			return new FakeTicker();
		}

	}

}
