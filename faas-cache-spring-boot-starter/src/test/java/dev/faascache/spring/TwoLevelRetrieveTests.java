/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import dev.faascache.spring.autoconfigure.FaasCacheAutoConfiguration;
import dev.faascache.spring.redis.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.support.SimpleValueWrapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@code retrieve} on two-level caches, as {@code @Cacheable} methods returning a
 * {@link CompletableFuture} and Spring's {@link Cache} API use it, with two application contexts,
 * standing for two instances of a function, sharing a real Redis server.
 */
class TwoLevelRetrieveTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, FaasCacheAutoConfiguration.class,
				CacheAutoConfiguration.class))
		.withUserConfiguration(CatalogConfiguration.class)
		.withPropertyValues("spring.data.redis.port=" + redis.port(), "faas.cache.l2.enabled=true",
				"faas.cache.default-ttl=60s", "faas.cache.cache-names=products", "faas.cache.l2.connect-timeout=10s",
				"faas.cache.l2.timeout=5s");

	@Test
	void cacheableFutureIsLoadedOnceAndReadFromRedisByAnotherInstance() {
		twoInstances((first, second) -> {
			assertThat(catalog(first).product("1")).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("product 1");
			assertThat(catalog(first).product("1")).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("product 1");
			assertThat(catalog(first).calls()).containsExactly("product 1");
			// a later command on the first instance's connection runs after the write the load sent
			assertThat(products(first).getSecondLevel().get("1")).isEqualTo("product 1");
			TwoLevelCacheCoherenceTests.awaitReceived(second, 1);
			assertThat(catalog(second).product("1")).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("product 1");
			assertThat(catalog(second).calls()).as("method calls on the second instance").isEmpty();
			assertThat(products(second).getNativeCache()).as("heap of the second instance").containsKey("1");
		});
	}

	@Test
	void retrieveAsksTheHeapThenRedis() {
		twoInstances((first, second) -> {
			assertThat(products(second).retrieve("1")).as("nothing cached anywhere").isNull();
			products(first).put("1", "product 1");
			// or the announcement of the put may arrive after the read and drop what it cached
			TwoLevelCacheCoherenceTests.awaitReceived(second, 1);
			assertThat(products(second).retrieve("1")).succeedsWithin(Duration.ofSeconds(5))
				.isEqualTo(new SimpleValueWrapper("product 1"));
			assertThat(products(second).getNativeCache()).as("heap of the second instance").containsKey("1");
			assertThat(products(second).getSecondLevel().hitCount()).isEqualTo(1);
		});
	}

	@Test
	void retrieveWithLoaderAsksRedisBeforeTheLoaderAndSharesItsValue() {
		twoInstances((first, second) -> {
			Cache firstProducts = products(first);
			assertThat(firstProducts.retrieve("1", () -> CompletableFuture.completedFuture("loaded by the first")))
				.succeedsWithin(Duration.ofSeconds(5))
				.isEqualTo("loaded by the first");
			products(first).getSecondLevel().get("1");
			assertThat(products(second).retrieve("1", () -> CompletableFuture.completedFuture("loaded by the second")))
				.succeedsWithin(Duration.ofSeconds(5))
				.isEqualTo("loaded by the first");
		});
	}

	@Test
	void evictRightAfterAnAsyncLoadLeavesNothingInRedisForAnotherInstance() {
		twoInstances((first, second) -> {
			for (int i = 0; i < 50; i++) {
				String key = "key" + i;
				CompletableFuture<String> load = new CompletableFuture<>();
				CompletableFuture<String> result = products(first).retrieve(key, () -> load);
				load.complete("stale " + i);
				assertThat(result).succeedsWithin(Duration.ofSeconds(5));
				products(first).evict(key);
				assertThat(products(second).get(key)).as("fresh read of %s on the second instance", key).isNull();
				assertThat(redis.command("EXISTS", "products::" + key)).isEqualTo(0L);
			}
			assertThat(products(first).getSecondLevel().errorCount()).isZero();
		});
	}

	private void twoInstances(BiConsumer<AssertableApplicationContext, AssertableApplicationContext> test) {
		this.contextRunner.run((first) -> this.contextRunner.run((second) -> test.accept(first, second)));
	}

	private static TwoLevelFaasSpringCache products(AssertableApplicationContext context) {
		return TwoLevelCacheTests.products(context);
	}

	private static Catalog catalog(AssertableApplicationContext context) {
		return context.getBean(Catalog.class);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CatalogConfiguration {

		@Bean
		Catalog catalog() {
			return new Catalog();
		}

	}

	static class Catalog {

		private final List<String> calls = new CopyOnWriteArrayList<>();

		public List<String> calls() {
			return this.calls;
		}

		@Cacheable(cacheNames = "products", sync = true)
		public CompletableFuture<String> product(String id) {
			this.calls.add("product " + id);
			return CompletableFuture.supplyAsync(() -> "product " + id,
					CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS));
		}

	}

}
