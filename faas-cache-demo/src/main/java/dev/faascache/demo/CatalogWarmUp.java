/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Primes the product cache while the function initialises, so that the first invocations of a
 * container, or of every container restored from a SnapStart snapshot, are already cache hits.
 * <p>
 * Spring Boot calls {@link ApplicationRunner application runners} at the end of
 * {@code SpringApplication.run}, which the Lambda handler calls during the initialisation phase:
 * before the first invocation and, with SnapStart, before the snapshot is taken. The products are
 * fetched through the {@code @Cacheable} client, so they are cached exactly as an invocation would
 * cache them. A product that cannot be fetched is logged and skipped: priming must not prevent
 * the function from starting.
 */
class CatalogWarmUp implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(CatalogWarmUp.class);

	private final ProductCatalogClient catalog;

	private final List<String> productIds;

	CatalogWarmUp(ProductCatalogClient catalog, List<String> productIds) {
		this.catalog = catalog;
		this.productIds = List.copyOf(productIds);
	}

	@Override
	public void run(ApplicationArguments args) {
		for (String id : this.productIds) {
			try {
				this.catalog.fetch(id);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not prime the product cache with product '" + id + "'", ex);
			}
		}
	}

}
