/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;

import dev.faascache.FakeTicker;
import dev.faascache.spring.CircuitBreaker.State;
import dev.faascache.spring.autoconfigure.FaasCacheAutoConfiguration;
import dev.faascache.spring.redis.RedisServer;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a two-level cache starts no thread of its own, which a container frozen between
 * invocations relies on: once the second level's connection and Lettuce's event loops are up, no
 * operation, failure or probe of the breaker starts one, nor do the announcements of another
 * instance, their application to the heap, or a check of the cache's version after a gap.
 */
class TwoLevelCacheThreadTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, FaasCacheAutoConfiguration.class,
				CacheAutoConfiguration.class))
		.withUserConfiguration(TwoLevelCacheTests.CachingConfiguration.class,
				TwoLevelCacheTests.TickerConfiguration.class, LettuceResourcesConfiguration.class)
		.withPropertyValues("spring.data.redis.port=" + redis.port(), "faas.cache.l2.enabled=true",
				"faas.cache.cache-names=products", "faas.cache.l2.timeout=200ms", "faas.cache.l2.connect-timeout=10s",
				"faas.cache.l2.circuit-breaker.failure-threshold=2", "faas.cache.l2.circuit-breaker.open-duration=10s");

	@Test
	void operationsFailuresAndProbesStartNoThread() {
		this.contextRunner.run((context) -> this.contextRunner.run((other) -> {
			TwoLevelFaasSpringCache products = TwoLevelCacheTests.products(context);
			TwoLevelFaasSpringCache otherProducts = TwoLevelCacheTests.products(other);
			FakeTicker ticker = context.getBean(FakeTicker.class);
			// the first rounds connect and start the event loops and the timer that Lettuce starts lazily
			useEverySecondLevelOperation(products, otherProducts, ticker);
			useEverySecondLevelOperation(products, otherProducts, ticker);
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			Set<Thread> before = Thread.getAllStackTraces().keySet();
			long started = threads.getTotalStartedThreadCount();
			useEverySecondLevelOperation(products, otherProducts, ticker);
			assertThat(threads.getTotalStartedThreadCount() - started)
				.as("threads started, among them %s", newThreads(before))
				.isZero();
		}));
	}

	/**
	 * Use every operation on one instance, whose announcements the other receives and applies,
	 * and catch up after a gap on both.
	 */
	private static void useEverySecondLevelOperation(TwoLevelFaasSpringCache products,
			TwoLevelFaasSpringCache otherProducts, FakeTicker ticker) {
		otherProducts.put("c", "C");
		assertThat(products.get("c", String.class)).isEqualTo("C");
		long received = otherProducts.getCoherence().invalidationCount();
		useEverySecondLevelOperation(products, ticker);
		// polled on this thread: Awaitility otherwise polls on a thread of its own
		Awaitility.await()
			.pollInSameThread()
			.atMost(Duration.ofSeconds(20))
			.until(() -> otherProducts.getCoherence().invalidationCount() > received
					&& otherProducts.getNativeCache().isEmpty());
		ticker.advance(Duration.ofSeconds(2));
		products.get("c");
		otherProducts.get("c");
	}

	private static void useEverySecondLevelOperation(TwoLevelFaasSpringCache products, FakeTicker ticker) {
		products.put("a", "A");
		products.evict("a");
		assertThat(products.get("a", () -> "loaded")).isEqualTo("loaded");
		products.clear();
		CompletableFuture<String> load = new CompletableFuture<>();
		CompletableFuture<String> result = products.retrieve("b", () -> load);
		load.complete("B");
		assertThat(result.join()).isEqualTo("B");
		products.evict("b");
		assertThat(products.getSecondLevel().get("b")).as("asynchronous write, then eviction").isNull();
		redis.command("CLIENT", "PAUSE", "2000", "ALL");
		try {
			products.get("slow 1", () -> "loaded");
			products.get("slow 2", () -> "loaded");
			assertThat(products.getSecondLevel().getCircuitBreaker().getState()).isEqualTo(State.OPEN);
		}
		finally {
			redis.command("CLIENT", "UNPAUSE");
		}
		ticker.advance(Duration.ofSeconds(10));
		products.get("probe", () -> "loaded");
		assertThat(products.getSecondLevel().getCircuitBreaker().getState()).isEqualTo(State.CLOSED);
	}

	private static Set<String> newThreads(Set<Thread> before) {
		return Thread.getAllStackTraces().keySet().stream().filter((thread) -> !before.contains(thread))
			.map(Thread::getName)
			.collect(Collectors.toSet());
	}

	/**
	 * Lettuce's event loops and computation threads, as few as on a small function, so that the
	 * first rounds start them all.
	 */
	@Configuration(proxyBeanMethods = false)
	static class LettuceResourcesConfiguration {

		@Bean(destroyMethod = "shutdown")
		ClientResources lettuceClientResources() {
			return DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
		}

	}

}
