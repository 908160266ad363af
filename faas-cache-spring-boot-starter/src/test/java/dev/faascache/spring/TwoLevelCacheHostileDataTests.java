/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.util.List;

import dev.faascache.FakeTicker;
import dev.faascache.spring.CircuitBreaker.State;
import dev.faascache.spring.autoconfigure.FaasCacheAutoConfiguration;
import dev.faascache.spring.redis.RedisServer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.interceptor.SimpleKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of two-level caches against data in Redis that whoever can write there planted, and
 * against errors the Redis side throws: the caller of a cached method never sees them, and the
 * circuit breaker is never left half-open.
 */
@ExtendWith(OutputCaptureExtension.class)
class TwoLevelCacheHostileDataTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, FaasCacheAutoConfiguration.class,
				CacheAutoConfiguration.class))
		.withUserConfiguration(TwoLevelCacheTests.CachingConfiguration.class,
				TwoLevelCacheTests.TickerConfiguration.class)
		.withPropertyValues("spring.data.redis.port=" + redis.port(), "faas.cache.l2.enabled=true",
				"faas.cache.cache-names=products", "faas.cache.l2.timeout=2s", "faas.cache.l2.connect-timeout=5s",
				"faas.cache.l2.trusted-packages=dev.faascache.spring",
				"faas.cache.l2.circuit-breaker.failure-threshold=2", "faas.cache.l2.circuit-breaker.open-duration=10s");

	@AfterEach
	void redisRunsAgain() {
		redis.start();
	}

	@Test
	void outOfMemoryErrorDuringTheProbeMayReachTheCallerButLeavesTheBreakerUsable() {
		this.contextRunner.run((context) -> {
			TwoLevelFaasSpringCache products = TwoLevelCacheTests.products(context);
			openBreakerWithRedisDown(products);
			redis.start();
			redis.command("SET", "products::boom", exhaustingMemory());
			ticker(context).advance(Duration.ofSeconds(10));
			assertThatExceptionOfType(OutOfMemoryError.class).isThrownBy(() -> products.get("boom"));
			assertThat(breaker(products).getState()).isNotEqualTo(State.HALF_OPEN);
			assertRedisIsUsedAgain(context, products);
		});
	}

	@Test
	void keysOfDifferentTypesWithTheSameTextNeverShareARedisKey() {
		this.contextRunner.run((first) -> this.contextRunner.run((second) -> {
			TwoLevelFaasSpringCache writer = TwoLevelCacheTests.products(first);
			writer.put(42, "the Integer's");
			writer.put(42L, "the Long's");
			writer.put(new SimpleKey("a,b"), "one parameter's");
			writer.put(new SimpleKey("a", "b"), "two parameters'");
			writer.put(new OrderKey("eu", 42L), "the record's");
			writer.put("#tag", "the String's");
			TwoLevelFaasSpringCache reader = TwoLevelCacheTests.products(second);
			assertThat(reader.get("42")).isNull();
			assertThat(reader.get(42, String.class)).isEqualTo("the Integer's");
			assertThat(reader.get(42L, String.class)).isEqualTo("the Long's");
			assertThat(reader.get(new SimpleKey("a,b"), String.class)).isEqualTo("one parameter's");
			assertThat(reader.get(new SimpleKey("a", "b"), String.class)).isEqualTo("two parameters'");
			assertThat(reader.get(new OrderKey("eu", 42L), String.class)).isEqualTo("the record's");
			assertThat(reader.get(new OrderKey("eu", 43L))).isNull();
			assertThat(reader.get("#tag", String.class)).isEqualTo("the String's");
			assertThat(redis.command("KEYS", "products::*")).asInstanceOf(InstanceOfAssertFactories.LIST)
				.containsExactlyInAnyOrder("products::#java.lang.Integer:42", "products::#java.lang.Long:42",
						"products::#org.springframework.cache.interceptor.SimpleKey:[\"a,b\"]",
						"products::#org.springframework.cache.interceptor.SimpleKey:[\"a\",\"b\"]",
						"products::#" + OrderKey.class.getName() + ":[\"eu\",\"#java.lang.Long:42\"]",
						"products::##tag");
		}));
	}

	@Test
	void keyThatCannotBeConvertedForRedisIsThatCallsProblemOnly(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			TwoLevelFaasSpringCache products = TwoLevelCacheTests.products(context);
			OpaqueKey key = new OpaqueKey(7);
			for (int i = 0; i < 3; i++) {
				assertThat(products.get(key, () -> "loaded")).isNotNull();
				products.put(key, "value " + i);
			}
			assertThat(products.get(key, String.class)).as("the heap caches it").isEqualTo("value 2");
			SecondLevelCache secondLevel = products.getSecondLevel();
			assertThat(secondLevel.entryErrorCount()).isEqualTo(5);
			assertThat(output.getOut().split("could not use the key or value", -1)).as("warnings within the log interval")
				.hasSize(2);
			assertThat(secondLevel.errorCount()).isZero();
			assertThat(breaker(products).getState()).isEqualTo(State.CLOSED);
			products.put("other", "value");
			assertThat(redis.command("KEYS", "products::*")).as("other keys still reach Redis")
				.isEqualTo(List.of("products::other"));
		});
	}

	@Test
	void valueThatCannotBeWrittenOrReadBackIsThatCallsProblemOnly() {
		this.contextRunner.run((context) -> {
			TwoLevelFaasSpringCache products = TwoLevelCacheTests.products(context);
			Unwritable unwritable = new Unwritable();
			products.put("unwritable", unwritable);
			assertThat(products.get("unwritable", Unwritable.class)).as("the heap caches it").isSameAs(unwritable);
			redis.command("SET", "products::garbage", "not JSON");
			redis.command("SET", "products::unreadable", "[\"" + Unreadable.class.getName() + "\",{\"id\":\"1\"}]");
			assertThat(products.get("garbage", () -> "loaded")).isEqualTo("loaded");
			assertThat(products.get("unreadable", () -> "loaded")).isEqualTo("loaded");
			SecondLevelCache secondLevel = products.getSecondLevel();
			assertThat(secondLevel.entryErrorCount()).isEqualTo(3);
			assertThat(secondLevel.errorCount()).isZero();
			assertThat(breaker(products).getState()).isEqualTo(State.CLOSED);
			assertThat(secondLevel.missCount() + secondLevel.hitCount()).isZero();
		});
	}

	@Test
	void classNamedInRedisIsNeitherLoadedNorInitialised() {
		String hostile = "dev.faascache.hostile.InitialisedByName";
		this.contextRunner.run((context) -> {
			TwoLevelFaasSpringCache products = TwoLevelCacheTests.products(context);
			redis.command("SET", "products::class", "[\"java.lang.Class\",\"" + hostile + "\"]");
			assertThat(products.get("class", () -> "loaded")).isEqualTo("loaded");
			assertThat(System.getProperty(hostile)).as("initialised").isNull();
			assertThat(products.getSecondLevel().entryErrorCount()).isEqualTo(1);
		});
	}

	@Test
	void classNamedAsTypeParameterIsNeitherLoadedNorInitialised() {
		String hostile = "dev.faascache.hostile.InitialisedAsTypeParameter";
		this.contextRunner.run((context) -> {
			TwoLevelFaasSpringCache products = TwoLevelCacheTests.products(context);
			redis.command("SET", "products::generic", "[\"" + Holder.class.getName() + "\",{\"content\":{\"@class\":\""
					+ Box.class.getName() + "<" + hostile + ">\",\"item\":null}}]");
			assertThat(products.get("generic", () -> "loaded")).isEqualTo("loaded");
			assertThat(System.getProperty(hostile)).as("initialised").isNull();
		});
	}

	@Test
	void classFieldOfATrustedTypeIsNotReadFromItsName() {
		String hostile = "dev.faascache.hostile.InitialisedAsClassField";
		this.contextRunner.run((context) -> {
			TwoLevelFaasSpringCache products = TwoLevelCacheTests.products(context);
			redis.command("SET", "products::field",
					"[\"" + Typed.class.getName() + "\",{\"type\":\"" + hostile + "\"}]");
			assertThat(products.get("field", () -> "loaded")).isEqualTo("loaded");
			assertThat(System.getProperty(hostile)).as("initialised").isNull();
		});
	}

	@Test
	void jdkTypeThatStartsAThreadIsNotCreated() {
		this.contextRunner.run((context) -> {
			TwoLevelFaasSpringCache products = TwoLevelCacheTests.products(context);
			redis.command("SET", "products::timer", "[\"java.util.Timer\",{}]");
			redis.command("SET", "products::nested", "[\"" + Holder.class.getName()
					+ "\",{\"content\":{\"@class\":\"java.util.Timer\"}}]");
			redis.command("SET", "products::array", "[\"[Ljava.util.Timer;\",[{}]]");
			assertThat(products.get("timer", () -> "loaded")).isEqualTo("loaded");
			assertThat(products.get("nested", () -> "loaded")).isEqualTo("loaded");
			assertThat(products.get("array", () -> "loaded")).isEqualTo("loaded");
			assertThat(Thread.getAllStackTraces().keySet()).noneMatch((thread) -> thread.getName().startsWith("Timer-"));
			assertThat(products.getSecondLevel().entryErrorCount()).isEqualTo(3);
		});
	}

	@Test
	void tooBroadTrustedPackageFailsStartupNamingItAndTheProperty() {
		this.contextRunner.withPropertyValues("faas.cache.l2.trusted-packages=com").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("faas.cache.l2.trusted-packages")
				.hasMessageContaining("'com'");
		});
	}

	@Test
	void tooBroadApplicationPackageIsNotTrusted(CapturedOutput output) {
		ApplicationContextRunner inPackageDev = this.contextRunner.withPropertyValues("faas.cache.l2.trusted-packages=")
			.withInitializer((context) -> AutoConfigurationPackages.register((BeanDefinitionRegistry) context.getBeanFactory(), "dev"));
		inPackageDev.run((first) -> {
			TwoLevelCacheTests.products(first).put("42", TwoLevelCacheTests.product("42"));
			inPackageDev.run((second) -> {
				TwoLevelFaasSpringCache products = TwoLevelCacheTests.products(second);
				assertThat(products.get("42", () -> "loaded")).isEqualTo("loaded");
				assertThat(products.getSecondLevel().entryErrorCount()).isEqualTo(1);
			});
		});
		assertThat(output).contains("application's package 'dev'").contains("faas.cache.l2.trusted-packages");
	}

	/**
	 * Assert that, at the latest once the open duration has passed again, a lookup reads Redis
	 * and closes the breaker.
	 */
	private static void assertRedisIsUsedAgain(AssertableApplicationContext context, TwoLevelFaasSpringCache products) {
		redis.command("SET", "products::shared", "[\"java.lang.String\",\"from Redis\"]");
		ticker(context).advance(Duration.ofSeconds(10));
		assertThat(products.get("shared", String.class)).isEqualTo("from Redis");
		assertThat(breaker(products).getState()).isEqualTo(State.CLOSED);
	}

	/**
	 * Kill Redis and make the failed calls that open the breaker.
	 */
	private static void openBreakerWithRedisDown(TwoLevelFaasSpringCache products) {
		redis.stop();
		products.get("1", () -> "loaded");
		products.get("2", () -> "loaded");
		assertThat(breaker(products).getState()).isEqualTo(State.OPEN);
	}

	private static String exhaustingMemory() {
		return "[\"" + ExhaustingMemory.class.getName() + "\",{\"size\":\"huge\"}]";
	}

	private static CircuitBreaker breaker(TwoLevelFaasSpringCache cache) {
		return cache.getSecondLevel().getCircuitBreaker();
	}

	private static FakeTicker ticker(AssertableApplicationContext context) {
		return context.getBean(FakeTicker.class);
	}

	/**
	 * A key of several parts.
	 */
	record OrderKey(String region, long id) {
	}

	/**
	 * A trusted type that holds anything.
	 */
	record Holder(Object content) {
	}

	/**
	 * A trusted generic type.
	 */
	record Box<T>(T item) {
	}

	/**
	 * A trusted type with a field of a reflective type.
	 */
	record Typed(Class<?> type) {
	}

	/**
	 * A key of a class that has no canonical form for Redis, whose {@code toString()} throws.
	 */
	static final class OpaqueKey {

		private final int id;

		OpaqueKey(int id) {
			this.id = id;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof OpaqueKey key && key.id == this.id;
		}

		@Override
		public int hashCode() {
			return this.id;
		}

		@Override
		public String toString() {
			throw new IllegalStateException("no text for key " + this.id);
		}

	}

	/**
	 * A value that cannot be written as JSON.
	 */
	static class Unwritable {

		public String getName() {
			throw new IllegalStateException("no name yet");
		}

	}

	/**
	 * A value whose class fails when it is read back, as a class does that needs a class missing
	 * at run time.
	 */
	record Unreadable(String id) {

		Unreadable {
			if (id != null) {
				throw new NoClassDefFoundError("com/example/Missing");
			}
		}

	}

	/**
	 * A value whose class runs out of memory when it is read back.
	 */
	record ExhaustingMemory(String size) {

		ExhaustingMemory {
			if (size != null) {
				throw new OutOfMemoryError("thrown by a value read from Redis");
			}
		}

	}

}
