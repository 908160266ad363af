/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.faascache.FaasCache;
import dev.faascache.FakeTicker;
import dev.faascache.spring.autoconfigure.FaasCacheAutoConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache.ValueRetrievalException;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input to every entry point of the starter, as a table: each bad property value fails
 * startup with a message naming the property, the value and what is accepted, and each bad call
 * on a cache fails clearly without losing anything already cached.
 */
class FaasCacheStarterBadInputTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FaasCacheAutoConfiguration.class, CacheAutoConfiguration.class))
		.withUserConfiguration(CachingConfiguration.class);

	static Stream<Arguments> badProperties() {
		return Stream.of(
				// property, value, the value as the message shows it, what the message must say is accepted
				Arguments.of("faas.cache.max-size", "12X", "12X", "128MB"), Arguments.of("faas.cache.max-size", "M", "M", "128MB"),
				Arguments.of("faas.cache.max-size", "-5K", "-5K", "128MB"), Arguments.of("faas.cache.max-size", "0", "0", "128MB"),
				Arguments.of("faas.cache.max-size", "infM", "infM", "128MB"),
				Arguments.of("faas.cache.max-size", "0.0001K", "0.0001K", "less than one byte"),
				Arguments.of("faas.cache.max-size", "150%", "150%", "at most 100%"),
				Arguments.of("faas.cache.max-size", "0%", "0%", "greater than 0%"),
				Arguments.of("faas.cache.max-size", "abc%", "abc%", "25%"),
				Arguments.of("faas.cache.max-size", "16", "16", "cache's own structure"),
				Arguments.of("faas.cache.caches.users.max-size", "12X", "12X", "128MB"),
				Arguments.of("faas.cache.total-max-size", "lots", "lots", "25%"),
				Arguments.of("faas.cache.max-items", "0", "0", "positive"),
				Arguments.of("faas.cache.max-items", "-1", "-1", "positive"),
				Arguments.of("faas.cache.caches.users.max-items", "0", "0", "positive"),
				Arguments.of("faas.cache.default-ttl", "0", "PT0S", "positive duration"),
				Arguments.of("faas.cache.default-ttl", "-5s", "PT-5S", "positive duration"),
				Arguments.of("faas.cache.caches.users.default-ttl", "0s", "PT0S", "positive duration"),
				Arguments.of("faas.cache.default-ttl", "soon", "soon", "faas.cache.default-ttl"),
				Arguments.of("faas.cache.max-items", "many", "many", "faas.cache.max-items"),
				Arguments.of("faas.cache.on-restore", "sometimes", "sometimes", "faas.cache.on-restore"),
				Arguments.of("faas.cache.dynamic", "maybe", "maybe", "faas.cache.dynamic"),
				Arguments.of("faas.cache.l2.timeout", "0", "PT0S", "positive duration"),
				Arguments.of("faas.cache.l2.connect-timeout", "-1s", "PT-1S", "positive duration"),
				Arguments.of("faas.cache.l2.ttl", "0s", "PT0S", "positive duration"),
				Arguments.of("faas.cache.caches.users.l2.ttl", "-5m", "PT-5M", "positive duration"),
				Arguments.of("faas.cache.l2.circuit-breaker.failure-threshold", "0", "0", "positive number"),
				Arguments.of("faas.cache.l2.circuit-breaker.open-duration", "0", "PT0S", "positive duration"),
				Arguments.of("faas.cache.l2.log-interval", "-1s", "PT-1S", "zero"),
				Arguments.of("faas.cache.l2.coherence.max-silence", "0", "PT0S", "positive duration"),
				Arguments.of("faas.cache.caches.users.l2.coherence.enabled", "maybe", "maybe",
						"faas.cache.caches.users.l2.coherence.enabled"),
				Arguments.of("faas.cache.l2.serialization", "xml", "xml", "faas.cache.l2.serialization"),
				Arguments.of("faas.cache.l2.enabled", "maybe", "maybe", "faas.cache.l2.enabled"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@MethodSource("badProperties")
	void badPropertyFailsStartupNamingPropertyValueAndAcceptedForms(String property, String value, String shown,
			String accepted) {
		this.contextRunner.withPropertyValues("faas.cache.cache-names=users", property + "=" + value)
			.run((context) -> {
				assertThat(context).hasFailed();
				StringBuilder messages = new StringBuilder();
				for (Throwable ex = context.getStartupFailure(); ex != null; ex = ex.getCause()) {
					messages.append(ex.getMessage()).append('\n');
				}
				// our parsers quote the value as 'value', Boot's converters as [value]
				assertThat(messages).contains(property).contains(accepted)
					.containsAnyOf("'" + shown + "'", "[" + shown + "]");
			});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hugeValues")
	void hugeButValidValuesStartAndNeverOverflow(String property, String value) {
		FakeTicker ticker = new FakeTicker();
		this.contextRunner.withBean(FakeTicker.class, () -> ticker)
			.withPropertyValues("faas.cache.cache-names=users", property + "=" + value)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				FaasSpringCache cache = context.getBean(FaasCacheManager.class).getCache("users");
				cache.put("key", "value");
				ticker.advance(Duration.ofDays(365 * 200));
				assertThat(cache.get("key", String.class)).isEqualTo("value");
			});
	}

	static Stream<Arguments> hugeValues() {
		return Stream.of(Arguments.of("faas.cache.default-ttl", Long.MAX_VALUE + "s"),
				Arguments.of("faas.cache.max-items", String.valueOf(Long.MAX_VALUE)),
				Arguments.of("faas.cache.max-size", "8000000T"));
	}

	static Stream<Arguments> badCalls() {
		return Stream.<Arguments>of(
				Arguments.of("null value when nulls are refused", (Consumer<FaasSpringCache>) (cache) -> cache
					.put("new", null), IllegalArgumentException.class, "null"),
				Arguments.of("loader that throws", (Consumer<FaasSpringCache>) (cache) -> cache.get("new", () -> {
					throw new IllegalStateException("backend down");
				}), ValueRetrievalException.class, "new"),
				Arguments.of("loader that returns null when nulls are refused",
						(Consumer<FaasSpringCache>) (cache) -> cache.get("new", () -> null),
						ValueRetrievalException.class, "new"),
				Arguments.of("typed get of the wrong type",
						(Consumer<FaasSpringCache>) (cache) -> cache.get("kept", Integer.class),
						IllegalStateException.class, "Integer"),
				Arguments.of("key whose hashCode throws",
						(Consumer<FaasSpringCache>) (cache) -> cache.put(new BrokenKey(), "value"),
						UnsupportedOperationException.class, "hashCode"),
				Arguments.of("loader asking for its own key",
						(Consumer<FaasSpringCache>) (cache) -> cache.get("new", () -> cache.get("new", () -> "inner")),
						ValueRetrievalException.class, "new"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badCalls")
	void badCallFailsClearlyAndLosesNothing(String description, Consumer<FaasSpringCache> call,
			Class<? extends Throwable> expected, String named) {
		FaasCacheManager cacheManager = new FaasCacheManager((name) -> FaasCache.builder().maxSize("1M").build());
		cacheManager.setAllowNullValues(false);
		FaasSpringCache cache = cacheManager.getCache("products");
		cache.put("kept", "value");
		cache.put("other", "value");
		Map<Object, Object> before = Map.copyOf(cache.getNativeCache());
		long bytesBefore = cache.getNativeCache().getByteSize();

		assertThatThrownBy(() -> call.accept(cache)).isInstanceOf(expected).hasMessageContaining(named);

		assertThat(cache.getNativeCache()).containsExactlyInAnyOrderEntriesOf(before);
		assertThat(cache.getNativeCache().getByteSize()).isEqualTo(bytesBefore);
	}

	/**
	 * A key that cannot be hashed.
	 */
	static final class BrokenKey {

		@Override
		public int hashCode() {
			throw new UnsupportedOperationException("hashCode of a broken key");
		}

		@Override
		public boolean equals(Object other) {
			return this == other;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

	}

}
