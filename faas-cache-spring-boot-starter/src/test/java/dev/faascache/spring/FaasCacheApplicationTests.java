/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.faascache.FakeTicker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A Spring Boot application that caches with {@code @Cacheable}, configured only by properties,
 * with a fake ticker so that time moves when the test says.
 */
@SpringBootTest(properties = { "faas.cache.max-items=100", "faas.cache.default-ttl=60",
		"faas.cache.cache-names=products,users", "faas.cache.caches.products.max-items=3",
		"faas.cache.caches.blobs.max-size=350K", "faas.cache.caches.users.default-ttl=5m",
		"management.endpoints.web.exposure.include=caches" })
@AutoConfigureMockMvc
class FaasCacheApplicationTests {

	private static final int BLOB_BYTES = 100 * 1024;

	@Autowired
	private CatalogService catalog;

	@Autowired
	private FakeTicker ticker;

	@Autowired
	private FaasCacheManager cacheManager;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private MockMvc mockMvc;

	@BeforeEach
	void emptyCaches() {
		this.cacheManager.getCacheNames().forEach((name) -> this.cacheManager.getCache(name).clear());
		this.catalog.calls().clear();
	}

	@Test
	void servesRepeatedCallsFromCache() {
		assertThat(this.catalog.product("1")).isEqualTo("product 1");
		assertThat(this.catalog.product("1")).isEqualTo("product 1");
		assertThat(this.catalog.calls()).containsExactly("product 1");
	}

	@Test
	void createsConfiguredCachesAtStartup() {
		assertThat(this.cacheManager.getCacheNames()).contains("products", "users", "blobs");
		assertThat(this.cacheManager.getCache("products").getNativeCache().getMaxItems()).hasValue(3);
	}

	@Test
	void callsAgainOnceTtlExpires() {
		this.catalog.product("1");
		this.ticker.advance(Duration.ofSeconds(59));
		this.catalog.product("1");
		assertThat(this.catalog.calls()).containsExactly("product 1");
		this.ticker.advance(Duration.ofSeconds(1));
		this.catalog.product("1");
		assertThat(this.catalog.calls()).containsExactly("product 1", "product 1");
	}

	@Test
	void evictsLeastRecentlyUsedWhenMaxItemsIsExceeded() {
		this.catalog.product("a");
		this.catalog.product("b");
		this.catalog.product("c");
		this.catalog.product("a");
		this.catalog.product("d");
		this.catalog.calls().clear();
		this.catalog.product("a");
		this.catalog.product("c");
		this.catalog.product("d");
		assertThat(this.catalog.calls()).isEmpty();
		this.catalog.product("b");
		assertThat(this.catalog.calls()).containsExactly("product b");
	}

	@Test
	void evictsLeastRecentlyUsedWhenMaxSizeIsExceeded() {
		this.catalog.blob(1);
		this.catalog.blob(2);
		this.catalog.blob(3);
		this.catalog.blob(1);
		this.catalog.blob(4);
		this.catalog.calls().clear();
		this.catalog.blob(1);
		this.catalog.blob(3);
		this.catalog.blob(4);
		assertThat(this.catalog.calls()).isEmpty();
		this.catalog.blob(2);
		assertThat(this.catalog.calls()).containsExactly("blob 2");
		assertThat(this.cacheManager.getCache("blobs").getNativeCache().getByteSize()).isLessThanOrEqualTo(350 * 1024);
	}

	@Test
	void cachesNullResults() {
		assertThat(this.catalog.discontinued("1")).isNull();
		assertThat(this.catalog.discontinued("1")).isNull();
		assertThat(this.catalog.calls()).containsExactly("discontinued 1");
	}

	@Test
	void loadsOnceWithSynchronizedCacheable() {
		assertThat(this.catalog.price("1")).isEqualTo(100);
		assertThat(this.catalog.price("1")).isEqualTo(100);
		assertThat(this.catalog.calls()).containsExactly("price 1");
	}

	@Test
	void cachesCompletableFutureResults() {
		assertThat(this.catalog.productAsync("1").join()).isEqualTo("product 1");
		assertThat(this.catalog.productAsync("1").join()).isEqualTo("product 1");
		assertThat(this.catalog.calls()).containsExactly("async product 1");
	}

	@Test
	void cachesMonoResultsWithPerCacheTtl() {
		assertThat(this.catalog.user("u").block()).isEqualTo("user u");
		this.ticker.advance(Duration.ofMinutes(4));
		assertThat(this.catalog.user("u").block()).isEqualTo("user u");
		assertThat(this.catalog.calls()).containsExactly("user u");
		this.ticker.advance(Duration.ofMinutes(1));
		assertThat(this.catalog.user("u").block()).isEqualTo("user u");
		assertThat(this.catalog.calls()).containsExactly("user u", "user u");
	}

	@Test
	void publishesCacheMetrics() {
		double hits = count("cache.gets", "products", "hit");
		double misses = count("cache.gets", "products", "miss");
		double puts = count("cache.puts", "products", null);
		double evictions = count("cache.evictions", "products", null);
		this.catalog.product("a");
		this.catalog.product("a");
		this.catalog.product("b");
		this.catalog.product("c");
		this.catalog.product("d");
		assertThat(count("cache.gets", "products", "hit")).isEqualTo(hits + 1);
		assertThat(count("cache.gets", "products", "miss")).isEqualTo(misses + 4);
		assertThat(count("cache.puts", "products", null)).isEqualTo(puts + 4);
		assertThat(count("cache.evictions", "products", null)).isEqualTo(evictions + 1);
		assertThat(gauge("cache.size", "products")).isEqualTo(3);
	}

	@Test
	void publishesHeapUsedAndByteBudget() {
		this.catalog.blob(1);
		long used = this.cacheManager.getCache("blobs").getNativeCache().getByteSize();
		assertThat(used).isGreaterThan(BLOB_BYTES);
		assertThat(gauge("cache.heap.used", "blobs")).isEqualTo(used);
		assertThat(gauge("cache.heap.max", "blobs")).isEqualTo(350 * 1024);
		assertThat(gauge("cache.heap.max", "products")).isNaN();
	}

	@Test
	void actuatorListsCaches() throws Exception {
		this.mockMvc.perform(get("/actuator/caches"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.cacheManagers.cacheManager.caches.products.target").value("dev.faascache.FaasCache"))
			.andExpect(jsonPath("$.cacheManagers.cacheManager.caches.users.target").value("dev.faascache.FaasCache"));
	}

	@Test
	void actuatorClearsAllCaches() throws Exception {
		this.catalog.product("1");
		this.catalog.blob(1);
		this.mockMvc.perform(delete("/actuator/caches")).andExpect(status().isNoContent());
		this.catalog.product("1");
		this.catalog.blob(1);
		assertThat(this.catalog.calls()).containsExactly("product 1", "blob 1", "product 1", "blob 1");
	}

	@Test
	void actuatorClearsOneCache() throws Exception {
		this.catalog.product("1");
		this.catalog.blob(1);
		this.mockMvc.perform(delete("/actuator/caches/products")).andExpect(status().isNoContent());
		this.catalog.product("1");
		this.catalog.blob(1);
		assertThat(this.catalog.calls()).containsExactly("product 1", "blob 1", "product 1");
	}

	private double count(String name, String cache, String result) {
		RequiredSearch search = this.meterRegistry.get(name).tag("cache", cache);
		return ((result != null) ? search.tag("result", result) : search).functionCounter().count();
	}

	private double gauge(String name, String cache) {
		return this.meterRegistry.get(name).tag("cache", cache).gauge().value();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableCaching
	@Import(CatalogService.class)
	static class CatalogApplication {

		@Bean
		FakeTicker ticker() {
			return new FakeTicker();
		}

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
		public String product(String id) {
			this.calls.add("product " + id);
			return "product " + id;
		}

		@Cacheable("blobs")
		public byte[] blob(int id) {
			this.calls.add("blob " + id);
			return new byte[BLOB_BYTES];
		}

		@Cacheable("discontinued")
		public String discontinued(String id) {
			this.calls.add("discontinued " + id);
			return null;
		}

		@Cacheable(cacheNames = "prices", sync = true)
		public Integer price(String id) {
			this.calls.add("price " + id);
			return 100;
		}

		@Cacheable("asyncProducts")
		public CompletableFuture<String> productAsync(String id) {
			this.calls.add("async product " + id);
			return CompletableFuture.supplyAsync(() -> "product " + id);
		}

		@Cacheable("users")
		public Mono<String> user(String id) {
			return Mono.fromSupplier(() -> {
				this.calls.add("user " + id);
				return "user " + id;
			});
		}

	}

}
