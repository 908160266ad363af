/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import dev.faascache.spring.redis.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.faascache.spring.TwoLevelCacheCoherenceTests.await;
import static dev.faascache.spring.TwoLevelCacheCoherenceTests.awaitReceived;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that an invalidation from another instance drops the one entry of its key when the key
 * is read back (the key of a method with several parameters, a list, an enum or a record of a
 * trusted class), and clears the cache's heap, loading no class, when it is not. Each
 * application context stands for an instance; all share one real Redis.
 */
class TwoLevelCacheCoherenceKeysTests {

	private static final String CHANNEL = "faas-cache:invalidations";

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private final ApplicationContextRunner contextRunner = TwoLevelCacheCoherenceTests.instances(redis)
		.withUserConfiguration(PricesConfiguration.class);

	@Test
	void evictThroughAMethodWithSeveralParametersDropsThatEntryOnlyOnTheOthers() {
		twoInstances((first, second) -> {
			Prices firstPrices = first.getBean(Prices.class);
			Prices secondPrices = second.getBean(Prices.class);
			assertThat(firstPrices.price("eu", 42)).isEqualTo("eu-42 #1");
			products(first).put("42", "v1");
			awaitReceived(second, 2);
			assertThat(secondPrices.price("eu", 42)).as("from Redis").isEqualTo("eu-42 #1");
			assertThat(secondPrices.price("eu", 7)).isEqualTo("eu-7 #1");
			assertThat(products(second).get("42", String.class)).isEqualTo("v1");
			firstPrices.evict("eu", 42);
			await().until(() -> !products(second).getNativeCache().containsKey(new SimpleKey("eu", 42L)));
			assertThat(products(second).getNativeCache()).containsKeys(new SimpleKey("eu", 7L), "42");
			assertThat(products(second).getCoherence().clearCount()).isZero();
			assertThat(secondPrices.price("eu", 42)).as("loaded again").isEqualTo("eu-42 #2");
		});
	}

	@Test
	void writeOfAListKeyDropsThatEntryOnlyOnTheOthers() {
		twoInstances((first, second) -> {
			products(first).put(List.of("eu", 42L), "v1");
			products(first).put("42", "v1");
			awaitReceived(second, 2);
			assertThat(products(second).get(new ArrayList<>(List.of("eu", 42L)), String.class))
				.isEqualTo("v1");
			assertThat(products(second).get("42", String.class)).isEqualTo("v1");
			products(first).put(List.of("eu", 42L), "v2");
			await().until(() -> !products(second).getNativeCache().containsKey(List.of("eu", 42L)));
			assertThat(products(second).getNativeCache()).containsKey("42");
			assertThat(products(second).get(List.of("eu", 42L), String.class)).isEqualTo("v2");
			assertThat(products(second).getCoherence().clearCount()).isZero();
		});
	}

	@Test
	void invalidationOfARecordOrEnumKeyOfATrustedPackageDropsThatEntryOnly() {
		twoInstances((first, second) -> {
			TwoLevelCacheTests.Product product = TwoLevelCacheTests.product("1");
			products(first).put(new Sku("eu", 42), product);
			products(first).put(Region.EU, "europe");
			products(first).put("42", "v1");
			awaitReceived(second, 3);
			assertThat(products(second).get(new Sku("eu", 42), TwoLevelCacheTests.Product.class)).isEqualTo(product);
			assertThat(products(second).get(Region.EU, String.class)).isEqualTo("europe");
			assertThat(products(second).get("42", String.class)).isEqualTo("v1");
			products(first).evict(new Sku("eu", 42));
			await().until(() -> !products(second).getNativeCache().containsKey(new Sku("eu", 42)));
			assertThat(products(second).getNativeCache()).containsKeys(Region.EU, "42");
			products(first).evict(Region.EU);
			await().until(() -> !products(second).getNativeCache().containsKey(Region.EU));
			assertThat(products(second).getNativeCache()).containsKey("42");
			assertThat(products(second).getCoherence().clearCount()).isZero();
			assertThat(products(second).getCoherence().getCoherence().rejectedCount()).isZero();
		});
	}

	@Test
	void invalidationOfAKeyOfAnUntrustedClassClearsThatCacheOnly() {
		ApplicationContextRunner untrusted = this.contextRunner
			.withPropertyValues("faas.cache.l2.trusted-packages=com.example");
		untrusted.run((first) -> untrusted.run((second) -> {
			products(first).put(new Sku("eu", 42), "sku");
			products(first).put("42", "v1");
			cache(first, "users").put("u", "user");
			awaitReceived(second, 2);
			await().until(() -> cache(second, "users").getCoherence().invalidationCount() == 1);
			assertThat(products(second).get(new Sku("eu", 42), String.class)).isEqualTo("sku");
			assertThat(products(second).get("42", String.class)).isEqualTo("v1");
			assertThat(cache(second, "users").get("u", String.class)).isEqualTo("user");
			long clears = products(second).getCoherence().clearCount();
			products(first).evict(new Sku("eu", 42));
			await().until(() -> products(second).getNativeCache().isEmpty());
			assertThat(cache(second, "users").getNativeCache()).containsKey("u");
			assertThat(products(second).getCoherence().clearCount()).isEqualTo(clears + 1);
		}));
	}

	@Test
	void invalidationNamingAnUntrustedClassClearsTheCacheAndInitialisesNoClass() {
		String hostile = "dev.faascache.hostile.InitialisedAsKey";
		twoInstances((first, second) -> {
			products(first).put("42", "v1");
			awaitReceived(second, 1);
			assertThat(products(second).get("42", String.class)).isEqualTo("v1");
			redis.command("PUBLISH", CHANNEL, "1 sender E 8:products#" + hostile + ":[\"x\"]");
			redis.command("PUBLISH", CHANNEL,
					"1 sender E 8:products#org.springframework.cache.interceptor.SimpleKey:[\"#" + hostile + ":[]\"]");
			await().until(() -> products(second).getCoherence().clearCount() == 2);
			assertThat(products(second).getNativeCache()).isEmpty();
			assertThat(System.getProperty(hostile)).as("initialised").isNull();
			assertThat(products(second).getCoherence().getCoherence().rejectedCount()).isZero();
		});
	}

	private void twoInstances(BiConsumer<AssertableApplicationContext, AssertableApplicationContext> test) {
		this.contextRunner.run((first) -> this.contextRunner.run((second) -> test.accept(first, second)));
	}

	private static TwoLevelFaasSpringCache products(AssertableApplicationContext context) {
		return TwoLevelCacheTests.products(context);
	}

	private static TwoLevelFaasSpringCache cache(AssertableApplicationContext context, String name) {
		return TwoLevelCacheTests.cache(context, name);
	}

	record Sku(String region, long number) {
	}

	enum Region {

		EU, US

	}

	/**
	 * Prices cached under the key of their two parameters, as Spring makes it: a {@link SimpleKey}.
	 */
	static class Prices {

		private final AtomicInteger calls = new AtomicInteger();

		@Cacheable("products")
		public String price(String region, long sku) {
			return region + "-" + sku + " #" + this.calls.incrementAndGet();
		}

		@CacheEvict("products")
		public void evict(String region, long sku) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PricesConfiguration {

		@Bean
		Prices prices() {
			return new Prices();
		}

	}

}
