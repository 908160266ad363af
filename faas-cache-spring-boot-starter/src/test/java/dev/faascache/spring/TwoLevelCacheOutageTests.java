/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.faascache.FakeTicker;
import dev.faascache.spring.CircuitBreaker.State;
import dev.faascache.spring.autoconfigure.FaasCacheAutoConfiguration;
import dev.faascache.spring.redis.RedisSecondLevelConnection;
import dev.faascache.spring.redis.RedisServer;
import io.lettuce.core.TimeoutOptions.TimeoutSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that two-level caches keep answering while Redis is down or slow, without an exception
 * reaching the caller, that the circuit breaker then skips Redis, and that Redis is used again
 * once it is back, without restarting the context. Time for the breaker comes from a fake ticker.
 */
class TwoLevelCacheOutageTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, FaasCacheAutoConfiguration.class,
				CacheAutoConfiguration.class))
		.withUserConfiguration(TwoLevelCacheTests.CachingConfiguration.class)
		.withPropertyValues("spring.data.redis.port=" + redis.port(), "faas.cache.l2.enabled=true",
				"faas.cache.cache-names=products", "faas.cache.l2.timeout=200ms",
				"faas.cache.l2.circuit-breaker.failure-threshold=2", "faas.cache.l2.circuit-breaker.open-duration=10s");

	private final AtomicInteger loads = new AtomicInteger();

	@AfterEach
	void redisRunsAgain() {
		redis.start();
	}

	@Test
	void secondLevelHasItsOwnConnectionWithShortTimeoutsLeavingTheApplicationsAlone() {
		this.contextRunner.run((context) -> {
			RedisSecondLevelConnection connection = context.getBean(RedisSecondLevelConnection.class);
			LettuceConnectionFactory own = (LettuceConnectionFactory) connection.getConnectionFactory();
			LettuceConnectionFactory application = (LettuceConnectionFactory) context.getBean(RedisConnectionFactory.class);
			assertThat(own).isNotSameAs(application);
			TimeoutSource commandTimeout = own.getClientConfiguration().getClientOptions().orElseThrow()
				.getTimeoutOptions().getSource();
			assertThat(Duration.of(commandTimeout.getTimeout(null), commandTimeout.getTimeUnit().toChronoUnit()))
				.isEqualTo(Duration.ofMillis(200));
			assertThat(own.getPort()).isEqualTo(redis.port());
			assertThat(application.getClientConfiguration().getCommandTimeout()).isEqualTo(Duration.ofSeconds(60));
		});
	}

	@Test
	void callersGetHeapHitsAndLoadedValuesWithoutExceptionWhileRedisIsDown() {
		this.contextRunner.withUserConfiguration(TwoLevelCacheTests.TickerConfiguration.class).run((context) -> {
			TwoLevelFaasSpringCache products = TwoLevelCacheTests.products(context);
			products.put("cached", "in the heap");
			redis.stop();
			assertThat(products.get("cached", String.class)).isEqualTo("in the heap");
			assertThat(products.get("1", () -> load("1"))).isEqualTo("product 1");
			assertThat(products.get("2", () -> load("2"))).isEqualTo("product 2");
			products.put("3", "product 3");
			products.evict("3");
			products.clear();
			assertThat(this.loads).hasValue(2);
			SecondLevelCache secondLevel = products.getSecondLevel();
			assertThat(secondLevel.errorCount()).isPositive();
			assertThat(secondLevel.getCircuitBreaker().getState()).isEqualTo(State.OPEN);
			assertThat(secondLevel.skipCount()).isPositive();
		});
	}

	@Test
	void openBreakerSkipsRedisSoCallsDoNotPayForIt() {
		this.contextRunner.withUserConfiguration(TwoLevelCacheTests.TickerConfiguration.class).run((context) -> {
			TwoLevelFaasSpringCache products = TwoLevelCacheTests.products(context);
			openBreakerWithRedisDown(products);
			SecondLevelCache secondLevel = products.getSecondLevel();
			long errors = secondLevel.errorCount();
			long skips = secondLevel.skipCount();
			for (int i = 0; i < 10; i++) {
				assertThat(products.get("key" + i, () -> load("x"))).isEqualTo("product x");
			}
			assertThat(secondLevel.errorCount()).as("errors while open").isEqualTo(errors);
			assertThat(secondLevel.skipCount() - skips).as("calls skipped: a lookup and a write each").isEqualTo(20);
		});
	}

	@Test
	void secondLevelIsUsedAgainOnceRedisIsBackAndTheBreakerProbes() {
		this.contextRunner.withUserConfiguration(TwoLevelCacheTests.TickerConfiguration.class).run((context) -> {
			TwoLevelFaasSpringCache products = TwoLevelCacheTests.products(context);
			openBreakerWithRedisDown(products);
			redis.start();
			redis.command("SET", "products::shared", "[\"java.lang.String\",\"written by another instance\"]");
			assertThat(products.get("shared")).as("still open: Redis is skipped").isNull();
			context.getBean(FakeTicker.class).advance(Duration.ofSeconds(10));
			assertThat(products.get("shared", String.class)).isEqualTo("written by another instance");
			assertThat(products.getSecondLevel().getCircuitBreaker().getState()).isEqualTo(State.CLOSED);
			products.put("after", "recovery");
			assertThat(redis.command("GET", "products::after")).isEqualTo("[\"java.lang.String\",\"recovery\"]");
		});
	}

	@Test
	void asyncLoadCompletedWhileTheBreakerIsOpenSkipsRedisAndLeavesTheProbeToTheNextCall() {
		this.contextRunner.withUserConfiguration(TwoLevelCacheTests.TickerConfiguration.class).run((context) -> {
			TwoLevelFaasSpringCache products = TwoLevelCacheTests.products(context);
			CompletableFuture<String> load = new CompletableFuture<>();
			CompletableFuture<String> result = products.retrieve("async", () -> load);
			openBreakerWithRedisDown(products);
			redis.start();
			context.getBean(FakeTicker.class).advance(Duration.ofSeconds(10));
			long skips = products.getSecondLevel().skipCount();
			load.complete("loaded");
			assertThat(result).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("loaded");
			assertThat(products.getNativeCache()).containsEntry("async", "loaded");
			assertThat(products.getSecondLevel().skipCount()).isEqualTo(skips + 1);
			assertThat(products.getSecondLevel().getCircuitBreaker().getState())
				.as("no probe from the thread completing the load").isEqualTo(State.OPEN);
			assertThat(products.get("3", () -> load("3"))).isEqualTo("product 3");
			assertThat(products.getSecondLevel().getCircuitBreaker().getState()).isEqualTo(State.CLOSED);
			assertThat(redis.command("EXISTS", "products::async")).isEqualTo(0L);
		});
	}

	@Test
	void failedProbeKeepsTheBreakerOpen() {
		this.contextRunner.withUserConfiguration(TwoLevelCacheTests.TickerConfiguration.class).run((context) -> {
			TwoLevelFaasSpringCache products = TwoLevelCacheTests.products(context);
			openBreakerWithRedisDown(products);
			context.getBean(FakeTicker.class).advance(Duration.ofSeconds(10));
			assertThat(products.get("3", () -> load("3"))).isEqualTo("product 3");
			assertThat(products.getSecondLevel().getCircuitBreaker().getState()).isEqualTo(State.OPEN);
		});
	}

	@Test
	void slowRedisTimesOutAsAFailureAndCallersGoOn() {
		this.contextRunner.run((context) -> {
			TwoLevelFaasSpringCache products = TwoLevelCacheTests.products(context);
			products.put("warm", "connection");
			redis.command("CLIENT", "PAUSE", "2000", "ALL");
			try {
				assertThat(products.get("1", () -> load("1"))).isEqualTo("product 1");
				assertThat(products.getSecondLevel().errorCount()).isPositive();
			}
			finally {
				redis.command("CLIENT", "UNPAUSE");
			}
		});
	}

	/**
	 * Regression: the first call of a cold instance connects to Redis, and Lettuce bounds that
	 * connection's handshake by the command timeout unless told otherwise, so a handshake slower
	 * than {@code faas.cache.l2.timeout} (a busy Redis, a cold container) failed the call and
	 * counted towards opening the breaker although {@code connect-timeout} allowed for it. With
	 * coherence on, the subscription connects when the context starts, so it is off here.
	 */
	@Test
	void firstConnectionIsGivenTheConnectTimeoutNotTheCommandTimeout() {
		this.contextRunner.withPropertyValues("faas.cache.l2.connect-timeout=5s", "faas.cache.l2.coherence.enabled=false")
			.run((context) -> {
			TwoLevelFaasSpringCache products = TwoLevelCacheTests.products(context);
			redis.command("SET", "products::ready", "[\"java.lang.String\",\"after the handshake\"]");
			redis.command("CLIENT", "PAUSE", "600", "ALL");
			assertThat(products.get("ready", String.class)).isEqualTo("after the handshake");
			assertThat(products.getSecondLevel().errorCount()).isZero();
			assertThat(products.getSecondLevel().getCircuitBreaker().getState()).isEqualTo(State.CLOSED);
		});
	}

	private String load(String id) {
		this.loads.incrementAndGet();
		return "product " + id;
	}

	/**
	 * Kill Redis and make the failed calls that open the breaker.
	 */
	private void openBreakerWithRedisDown(TwoLevelFaasSpringCache products) {
		redis.stop();
		products.get("1", () -> load("1"));
		products.get("2", () -> load("2"));
		assertThat(products.getSecondLevel().getCircuitBreaker().getState()).isEqualTo(State.OPEN);
	}

}
