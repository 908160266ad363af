/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.faascache.spring.redis.RedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A Spring Boot application whose {@code @Cacheable} caches keep their entries in the heap and in
 * a real Redis server, configured only by properties; its own classes are trusted for JSON as the
 * application's package.
 */
@SpringBootTest(properties = { "faas.cache.l2.enabled=true", "faas.cache.default-ttl=60s",
		"faas.cache.cache-names=products,prices", "management.endpoints.web.exposure.include=caches",
		"faas.cache.l2.connect-timeout=10s", "faas.cache.l2.timeout=5s" })
@AutoConfigureMockMvc
@DirtiesContext
class TwoLevelApplicationTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	@Autowired
	private CatalogService catalog;

	@Autowired
	private FaasCacheManager cacheManager;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private MockMvc mockMvc;

	@DynamicPropertySource
	static void redisProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.port", redis::port);
	}

	@BeforeEach
	void emptyHeaps() {
		this.cacheManager.getCacheNames().forEach((name) -> this.cacheManager.getCache(name).getNativeCache().clear());
		this.catalog.calls().clear();
	}

	@Test
	void answersFromRedisWhenTheHeapMissesWithoutCallingTheMethod() {
		assertThat(this.catalog.product("1")).isEqualTo(new Product("1", "Product 1"));
		this.cacheManager.getCache("products").getNativeCache().clear();
		assertThat(this.catalog.product("1")).isEqualTo(new Product("1", "Product 1"));
		assertThat(this.catalog.calls()).containsExactly("product 1");
		assertThat(redis.command("EXISTS", "products::1")).isEqualTo(1L);
	}

	@Test
	void synchronizedCacheableLoadsOnceAndWritesBothLevels() {
		assertThat(this.catalog.price("1")).isEqualTo(100L);
		assertThat(this.catalog.price("1")).isEqualTo(100L);
		assertThat(this.catalog.calls()).containsExactly("price 1");
		assertThat((String) redis.command("GET", "prices::1")).isEqualTo("[\"java.lang.Long\",100]");
	}

	@Test
	void cacheEvictRemovesTheEntryFromBothLevels() {
		this.catalog.product("1");
		this.catalog.discontinue("1");
		assertThat(redis.command("EXISTS", "products::1")).isEqualTo(0L);
		this.catalog.product("1");
		assertThat(this.catalog.calls()).containsExactly("product 1", "discontinue 1", "product 1");
	}

	@Test
	void publishesHeapAndSecondLevelMeters() {
		double l2Hits = count("cache.l2.gets", "hit");
		double l2Misses = count("cache.l2.gets", "miss");
		double heapMisses = count("cache.gets", "miss");
		this.catalog.product("a");
		this.cacheManager.getCache("products").getNativeCache().clear();
		this.catalog.product("a");
		assertThat(count("cache.gets", "miss")).isEqualTo(heapMisses + 2);
		assertThat(count("cache.l2.gets", "miss")).isEqualTo(l2Misses + 1);
		assertThat(count("cache.l2.gets", "hit")).isEqualTo(l2Hits + 1);
		assertThat(count("cache.l2.errors", null)).isZero();
		assertThat(count("cache.l2.entry.errors", null)).isZero();
		assertThat(this.meterRegistry.get("cache.l2.breaker.state").tag("cache", "products").tag("state", "closed")
			.gauge().value()).isEqualTo(1);
		assertThat(this.meterRegistry.get("cache.l2.breaker.state").tag("cache", "products").tag("state", "open")
			.gauge().value()).isZero();
	}

	@Test
	void publishesCoherenceMeters() {
		this.catalog.product("b");
		assertThat(this.meterRegistry.get("cache.l2.coherence.stale").tag("cache", "products").gauge()).isNotNull();
		assertThat(this.meterRegistry.get("cache.l2.coherence.checks").tag("cache", "products").functionCounter()
			.count()).isPositive();
		assertThat(this.meterRegistry.get("cache.l2.coherence.invalidations").tag("cache", "products")
			.functionCounter()
			.count()).isZero();
		assertThat(this.meterRegistry.get("cache.l2.coherence.clears").tag("cache", "prices").functionCounter().count())
			.isZero();
		assertThat(this.meterRegistry.get("cache.l2.coherence.silence").tag("cache", "products").timeGauge()
			.value(TimeUnit.SECONDS)).isNotNegative();
		assertThat(this.meterRegistry.get("cache.l2.coherence.rejected").functionCounter().count()).isZero();
	}

	@Test
	void actuatorListsTwoLevelCaches() throws Exception {
		this.mockMvc.perform(get("/actuator/caches"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.cacheManagers.cacheManager.caches.products.target").value("dev.faascache.FaasCache"));
	}

	@Test
	void actuatorClearsBothLevels() throws Exception {
		this.catalog.product("1");
		this.mockMvc.perform(delete("/actuator/caches/products")).andExpect(status().isNoContent());
		assertThat(redis.command("EXISTS", "products::1")).isEqualTo(0L);
		this.catalog.product("1");
		assertThat(this.catalog.calls()).containsExactly("product 1", "product 1");
	}

	private double count(String name, String result) {
		var search = this.meterRegistry.get(name).tag("cache", "products");
		return ((result != null) ? search.tag("result", result) : search).functionCounter().count();
	}

	record Product(String id, String name) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableCaching
	@Import(CatalogService.class)
	static class CatalogApplication {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	static class CatalogService {

		private final List<String> calls = new CopyOnWriteArrayList<>();

		public List<String> calls() {
			return this.calls;
		}

		@Cacheable("products")
		public Product product(String id) {
			this.calls.add("product " + id);
			return new Product(id, "Product " + id);
		}

		@CacheEvict("products")
		public void discontinue(String id) {
			this.calls.add("discontinue " + id);
		}

		@Cacheable(cacheNames = "prices", sync = true)
		public Long price(String id) {
			this.calls.add("price " + id);
			return 100L;
		}

	}

}
