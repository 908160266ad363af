/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.faascache.FakeTicker;
import dev.faascache.RemovalListener;
import dev.faascache.spring.autoconfigure.FaasCacheAutoConfiguration;
import dev.faascache.spring.redis.RedisSecondLevelConnection;
import dev.faascache.spring.redis.RedisServer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that an eviction, a write or a clear on one instance reaches the heaps of the others,
 * and that an instance that may have missed one (frozen, disconnected, restored, Redis
 * restarted) catches up before it answers from its heap. Each application context stands for an
 * instance, with its own fake ticker; all share one real Redis.
 */
class TwoLevelCacheCoherenceTests {

	private static final String CHANNEL = "faas-cache:invalidations";

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private final ApplicationContextRunner contextRunner = instances(redis);

	/**
	 * Return a runner of application contexts that each stand for an instance, with caches
	 * {@code products} and {@code users} kept coherent through the Redis server.
	 */
	static ApplicationContextRunner instances(RedisServer redis) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, FaasCacheAutoConfiguration.class,
					CacheAutoConfiguration.class))
			.withUserConfiguration(TwoLevelCacheTests.CachingConfiguration.class,
					TwoLevelCacheTests.TickerConfiguration.class)
			.withPropertyValues("spring.data.redis.port=" + redis.port(), "faas.cache.l2.enabled=true",
					"faas.cache.cache-names=products,users", "faas.cache.l2.connect-timeout=10s",
					"faas.cache.l2.timeout=2s", "faas.cache.l2.coherence.max-silence=1s",
					"faas.cache.l2.trusted-packages=dev.faascache.spring");
	}

	@AfterEach
	void redisRunsAgain() {
		redis.start();
	}

	@Test
	void evictPutAndClearOnOneInstanceReachTheHeapsOfTheOthers() {
		threeInstances((instances) -> {
			AssertableApplicationContext first = instances.get(0);
			products(first).put("42", "v1");
			products(first).put("7", "seven");
			for (AssertableApplicationContext other : instances.subList(1, 3)) {
				awaitReceived(other, 2);
				assertThat(products(other).get("42", String.class)).isEqualTo("v1");
				assertThat(products(other).get("7", String.class)).isEqualTo("seven");
			}
			products(first).put("42", "v2");
			for (AssertableApplicationContext other : instances.subList(1, 3)) {
				await().until(() -> !products(other).getNativeCache().containsKey("42"));
				assertThat(products(other).get("42", String.class)).isEqualTo("v2");
			}
			products(instances.get(1)).evict("42");
			for (AssertableApplicationContext other : List.of(first, instances.get(2))) {
				await().until(() -> !products(other).getNativeCache().containsKey("42"));
			}
			products(instances.get(2)).clear();
			for (AssertableApplicationContext other : instances.subList(0, 2)) {
				await().until(() -> products(other).getNativeCache().isEmpty());
			}
			assertThat(products(first).get("7")).isNull();
		});
	}

	@Test
	void ownMessagesDoNotDropTheValueJustWritten() {
		twoInstances((first, second) -> {
			products(first).put("42", "v1");
			awaitReceived(second, 1);
			assertThat(products(second).get("42", String.class)).isEqualTo("v1");
			long version = version("products");
			products(first).put("42", "v2");
			await().until(() -> version("products") > version);
			// published after the first's own message, and so received after it
			products(second).evict("other");
			awaitReceived(first, 1);
			assertThat(products(first).getNativeCache()).containsEntry("42", "v2");
			await().until(() -> !products(second).getNativeCache().containsKey("42"));
		});
	}

	@Test
	void heapHitWithinTheSilenceLimitDoesNotAskRedis() {
		this.contextRunner.run((context) -> {
			TwoLevelFaasSpringCache products = products(context);
			products.put("42", "v1");
			assertThat(products.get("42", String.class)).isEqualTo("v1");
			long checks = products.getCoherence().checkCount();
			ticker(context).advance(Duration.ofMillis(900));
			for (int i = 0; i < 10; i++) {
				assertThat(products.get("42", String.class)).isEqualTo("v1");
			}
			assertThat(products.getCoherence().checkCount()).isEqualTo(checks);
			assertThat(products.getSecondLevel().hitCount() + products.getSecondLevel().missCount()).isZero();
		});
	}

	/**
	 * A frozen instance receives nothing; the messages sent meanwhile may be lost with its
	 * connection. Its first lookup after more than the silence limit reads the version and finds
	 * that it missed a change.
	 */
	@Test
	void instanceBackFromAFreezeCatchesUpBeforeServing() {
		twoInstances((first, second) -> {
			products(first).put("42", "v1");
			products(first).put("7", "seven");
			awaitReceived(second, 2);
			assertThat(products(second).get("42", String.class)).isEqualTo("v1");
			assertThat(products(second).get("7", String.class)).isEqualTo("seven");
			changeWithoutMessage("products", "42", "v2");
			assertThat(products(second).get("42", String.class)).as("within the silence limit").isEqualTo("v1");
			ticker(second).advance(Duration.ofSeconds(2));
			assertThat(products(second).get("42", String.class)).isEqualTo("v2");
			assertThat(products(second).getCoherence().clearCount()).isEqualTo(1);
			assertThat(products(second).get("7", String.class)).as("read back from Redis").isEqualTo("seven");
			ticker(second).advance(Duration.ofSeconds(2));
			long checks = products(second).getCoherence().checkCount();
			assertThat(products(second).get("7", String.class)).isEqualTo("seven");
			assertThat(products(second).getCoherence().checkCount()).isEqualTo(checks + 1);
			assertThat(products(second).getCoherence().clearCount()).as("nothing missed this time").isEqualTo(1);
		});
	}

	@Test
	void instanceWhoseSubscriptionWasKilledCatchesUpBeforeServing() {
		twoInstances((first, second) -> {
			products(first).put("42", "v1");
			awaitReceived(second, 1);
			assertThat(products(second).get("42", String.class)).isEqualTo("v1");
			redis.command("CLIENT", "KILL", "TYPE", "pubsub");
			await().until(() -> products(second).getCoherence().isStale());
			changeWithoutMessage("products", "42", "v2");
			assertThat(products(second).get("42", String.class)).isEqualTo("v2");
			await().until(() -> products(second).getCoherence().getCoherence().isListening());
			products(first).put("42", "v3");
			await().until(() -> !products(second).getNativeCache().containsKey("42"));
		});
	}

	@Test
	void instanceThatCannotReachRedisServesItsHeapAndCatchesUpOnceRedisAnswers() {
		ApplicationContextRunner shortTimeout = this.contextRunner.withPropertyValues("faas.cache.l2.timeout=500ms");
		shortTimeout.run((first) -> shortTimeout.run((second) -> {
			products(first).put("42", "v1");
			awaitReceived(second, 1);
			assertThat(products(second).get("42", String.class)).isEqualTo("v1");
			changeWithoutMessage("products", "42", "v2");
			ticker(second).advance(Duration.ofSeconds(2));
			redis.command("CLIENT", "PAUSE", "3000", "ALL");
			try {
				assertThat(products(second).get("42", String.class)).as("heap, while Redis does not answer")
					.isEqualTo("v1");
				assertThat(products(second).getCoherence().isStale()).isTrue();
				assertThat(products(second).getSecondLevel().errorCount()).isPositive();
			}
			finally {
				// waits for the pause to end: the server pauses this command too
				redis.command("CLIENT", "UNPAUSE");
			}
			assertThat(products(second).get("42", String.class)).isEqualTo("v2");
		}));
	}

	/**
	 * A cold container may start while Redis is down: it answers from the heap and the loaders,
	 * and subscribes once the breaker lets a call through again.
	 */
	@Test
	void instanceStartedWhileRedisIsDownSubscribesOnceRedisIsBack() {
		redis.stop();
		this.contextRunner.run((second) -> {
			assertThat(products(second).get("42", () -> "loaded")).isEqualTo("loaded");
			assertThat(products(second).getCoherence().getCoherence().isListening()).isFalse();
			redis.start();
			ticker(second).advance(Duration.ofSeconds(10));
			assertThat(products(second).get("7", () -> "seven")).isEqualTo("seven");
			assertThat(products(second).getCoherence().getCoherence().isListening()).isTrue();
			this.contextRunner.run((first) -> {
				products(first).evict("42");
				await().until(() -> !products(second).getNativeCache().containsKey("42"));
				assertThat(products(second).getNativeCache()).containsKey("7");
			});
		});
	}

	@Test
	void restoreFromASnapshotIsAGap() {
		twoInstances((first, second) -> {
			products(first).put("42", "v1");
			awaitReceived(second, 1);
			assertThat(products(second).get("42", String.class)).isEqualTo("v1");
			RedisSecondLevelConnection connection = second.getBean(RedisSecondLevelConnection.class);
			connection.stop();
			changeWithoutMessage("products", "42", "v2");
			connection.start();
			assertThat(products(second).get("42", String.class)).isEqualTo("v2");
		});
	}

	@Test
	void redisRestartedThenInvalidationsReachTheOthersAgain() {
		twoInstances((first, second) -> {
			products(first).put("42", "v1");
			awaitReceived(second, 1);
			assertThat(products(second).get("42", String.class)).isEqualTo("v1");
			redis.stop();
			redis.start();
			await().until(() -> products(first).getCoherence().getCoherence().isListening()
					&& products(second).getCoherence().getCoherence().isListening());
			assertThat(products(second).get("42", String.class)).as("nothing was invalidated").isEqualTo("v1");
			products(first).put("42", "v2");
			await().until(() -> !products(second).getNativeCache().containsKey("42"));
			assertThat(products(second).get("42", String.class)).isEqualTo("v2");
			long version = Long.parseLong((String) redis.command("GET", "products:version"));
			assertThat(version).as("started from the clock, so that it never goes back").isGreaterThan(1_000_000_000L);
		});
	}

	@Test
	void garbledMessagesAreCountedAndIgnored() {
		twoInstances((first, second) -> {
			products(first).put("42", "v1");
			awaitReceived(second, 1);
			assertThat(products(second).get("42", String.class)).isEqualTo("v1");
			Coherence coherence = products(second).getCoherence().getCoherence();
			List<String> garbled = List.of("", "garbage", "1 sender X 8:products42", "-5 sender E 8:products42",
					"1 sender E 99:products42", "1 sender E 8:products", "1 sender C 8:products42",
					"1 sender E 8:products#java.lang.Integer:forty-two", "1 sender E 8:products#java.lang.Integer:042",
					"99999999999999999999 sender E 8:products42", "1  E 8:products42", "\u0000\uFFFF\n",
					"1 sender E 8:products#org.springframework.cache.interceptor.SimpleKey:[\"a\"",
					"1 sender P 8:products#java.util.List:[\"a\\n\"]", "1 sender E 8:products#java.util.List:[\"#x\"]");
			garbled.forEach((message) -> redis.command("PUBLISH", CHANNEL, message));
			await().until(() -> coherence.rejectedCount() == garbled.size());
			assertThat(products(second).getNativeCache()).containsEntry("42", "v1");
			assertThat(products(second).getCoherence().clearCount()).isZero();
			products(first).evict("42");
			await().until(() -> !products(second).getNativeCache().containsKey("42"));
		});
	}

	/**
	 * Invalidations are applied on Lettuce's event loop, outside the heap's locks: a removal
	 * listener that blocks there holds up the next messages, never the callers of the cache.
	 */
	@Test
	void invalidationsHeldUpOnTheEventLoopDoNotHoldUpCallers() {
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		RemovalListener<Object, Object> blocking = (key, value, cause) -> {
			if ("slow".equals(key)) {
				entered.countDown();
				awaitQuietly(release);
			}
		};
		this.contextRunner.run((first) -> this.contextRunner.withBean(RemovalListener.class, () -> blocking)
			.run((second) -> {
				products(first).put("slow", "s");
				products(first).put("fast", "f");
				awaitReceived(second, 2);
				assertThat(products(second).get("slow", String.class)).isEqualTo("s");
				assertThat(products(second).get("fast", String.class)).isEqualTo("f");
				products(first).evict("slow");
				products(first).evict("fast");
				try {
					assertThat(entered.await(20, TimeUnit.SECONDS)).as("event loop in the listener").isTrue();
					assertThat(products(second).get("fast", String.class)).as("heap hit").isEqualTo("f");
					products(second).put("other", "o");
					assertThat(products(second).get("other", String.class)).isEqualTo("o");
				}
				finally {
					release.countDown();
				}
				await().until(() -> !products(second).getNativeCache().containsKey("fast"));
			}));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void perCacheSettingTurnsCoherenceOffForThatCache() {
		this.contextRunner.withPropertyValues("faas.cache.caches.users.l2.coherence.enabled=false").run((context) -> {
			assertThat(products(context).getCoherence()).isNotNull();
			assertThat(cache(context, "users").getCoherence()).isNull();
		});
	}

	@Test
	void coherenceOffBehavesAsWithoutIt() {
		ApplicationContextRunner off = this.contextRunner.withPropertyValues("faas.cache.l2.coherence.enabled=false");
		off.run((first) -> off.run((second) -> {
			products(first).put("42", "v1");
			assertThat(products(second).get("42", String.class)).isEqualTo("v1");
			products(first).put("42", "v2");
			ticker(second).advance(Duration.ofSeconds(30));
			assertThat(products(second).get("42", String.class)).as("the heap until its time to live").isEqualTo("v1");
			assertThat(products(second).getCoherence()).isNull();
			assertThat(second.getBean(FaasCacheManager.class).getSecondLevel().getCoherence()).isNull();
			assertThat(redis.command("PUBSUB", "NUMSUB", CHANNEL)).isEqualTo(List.of(CHANNEL, 0L));
			assertThat(redis.command("EXISTS", "products:version")).isEqualTo(0L);
		}));
	}

	/**
	 * Put a new value in Redis and count the change in the cache's version, as another instance
	 * does, but send no message: as for an instance that was frozen or disconnected meanwhile.
	 */
	private static void changeWithoutMessage(String cacheName, String key, String value) {
		redis.command("SET", cacheName + "::" + key, "[\"java.lang.String\",\"" + value + "\"]");
		redis.command("INCR", cacheName + ":version");
	}

	private static long version(String cacheName) {
		Object version = redis.command("GET", cacheName + ":version");
		return (version != null) ? Long.parseLong((String) version) : 0;
	}

	/**
	 * Wait until the instance has received as many invalidations of products from the others, so
	 * that none of them arrives later and drops what the test reads next.
	 */
	static void awaitReceived(AssertableApplicationContext context, long invalidations) {
		await().until(() -> products(context).getCoherence().invalidationCount() == invalidations);
	}

	static ConditionFactory await() {
		return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10));
	}

	private void twoInstances(BiConsumer<AssertableApplicationContext, AssertableApplicationContext> test) {
		this.contextRunner.run((first) -> this.contextRunner.run((second) -> test.accept(first, second)));
	}

	private void threeInstances(Consumer<List<AssertableApplicationContext>> test) {
		this.contextRunner.run((first) -> this.contextRunner
			.run((second) -> this.contextRunner.run((third) -> test.accept(List.of(first, second, third)))));
	}

	private static TwoLevelFaasSpringCache products(AssertableApplicationContext context) {
		return TwoLevelCacheTests.products(context);
	}

	private static TwoLevelFaasSpringCache cache(AssertableApplicationContext context, String name) {
		return TwoLevelCacheTests.cache(context, name);
	}

	private static FakeTicker ticker(AssertableApplicationContext context) {
		return context.getBean(FakeTicker.class);
	}

}
