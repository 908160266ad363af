/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.cache.annotation.Cacheable;

/**
 * Client of a remote product catalog, standing for the slow network call that a function caches:
 * each real call waits for the configured latency and is counted.
 * <p>
 * Results are cached in the {@value #CACHE} cache, so that warm invocations of the function skip
 * the call. {@code sync = true} lets concurrent requests for one product share a single call.
 */
public class ProductCatalogClient {

	/**
	 * Name of the cache that holds the products, configured under {@code faas.cache}.
	 */
	public static final String CACHE = "products";

	private final Duration latency;

	private final AtomicLong calls = new AtomicLong();

	/**
	 * Create a client whose calls take the given time.
	 * @param latency how long each call to the catalog takes
	 * @throws IllegalArgumentException if {@code latency} is negative
	 */
	public ProductCatalogClient(Duration latency) {
		Objects.requireNonNull(latency, "latency must not be null");
		if (latency.isNegative()) {
			throw new IllegalArgumentException("latency must not be negative but was " + latency);
		}
		this.latency = latency;
	}

	/**
	 * Fetch a product from the catalog, or from the cache when it was fetched before and has not
	 * expired.
	 * @param id the product id
	 * @return the product
	 * @throws IllegalArgumentException if {@code id} is {@code null} or blank
	 */
	@Cacheable(cacheNames = CACHE, sync = true)
	public Product fetch(String id) {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("product id must not be blank but was '" + id + "'");
		}
		this.calls.incrementAndGet();
		waitForCatalog();
		return new Product(id, "Product " + id, BigDecimal.valueOf(Math.floorMod(id.hashCode(), 10_000), 2));
	}

	/**
	 * Return how many calls reached the catalog, that is, were not answered by the cache.
	 * @return the number of real calls so far
	 */
	public long calls() {
		return this.calls.get();
	}

	private void waitForCatalog() {
		try {
			Thread.sleep(this.latency.toMillis(), this.latency.toNanosPart() % 1_000_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the product catalog", ex);
		}
	}

}
