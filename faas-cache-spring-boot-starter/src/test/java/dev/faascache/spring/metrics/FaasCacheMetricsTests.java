/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.faascache.EntryTooLargeException;
import dev.faascache.FaasCache;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link FaasCacheMetrics}.
 */
class FaasCacheMetricsTests {

	private final AtomicLong nanos = new AtomicLong();

	private final FaasCache<Object, Object> cache = FaasCache.builder()
		.maxSize("64K")
		.maxItems(2)
		.defaultTtl(Duration.ofSeconds(10))
		.ticker(this.nanos::get)
		.build();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	FaasCacheMetricsTests() {
		new FaasCacheMetrics(this.cache, "products", List.of(Tag.of("region", "eu"))).bindTo(this.registry);
	}

	@Test
	void evictionsCountBoundEvictionsAndExpirations() {
		this.cache.put("a", "1");
		this.cache.put("b", "2");
		this.cache.put("c", "3");
		assertThat(counter("cache.evictions")).isEqualTo(1);
		this.nanos.addAndGet(Duration.ofSeconds(10).toNanos());
		this.cache.cleanUp();
		assertThat(counter("cache.evictions")).isEqualTo(3);
		assertThat(gauge("cache.size")).isZero();
	}

	@Test
	void rejectionsCountValuesLargerThanTheBudget() {
		assertThat(counter("cache.rejections")).isZero();
		assertThatExceptionOfType(EntryTooLargeException.class)
			.isThrownBy(() -> this.cache.put("big", new byte[128 * 1024]));
		assertThat(counter("cache.rejections")).isEqualTo(1);
	}

	@Test
	void heapMetersReportBytesUsedAndBudget() {
		this.cache.put("a", "1");
		assertThat(gauge("cache.heap.used")).isEqualTo(this.cache.getByteSize());
		assertThat(gauge("cache.heap.max")).isEqualTo(64 * 1024);
	}

	@Test
	void metersCarryCacheNameAndGivenTags() {
		assertThat(this.registry.get("cache.gets").tag("cache", "products").tag("region", "eu").meters()).hasSize(2);
	}

	private double counter(String name) {
		return this.registry.get(name).tag("cache", "products").functionCounter().count();
	}

	private double gauge(String name) {
		return this.registry.get(name).tag("cache", "products").gauge().value();
	}

}
