/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.util.Objects;
import java.util.function.Function;

/**
 * The function the demo deploys: look up the requested product in the catalog. Spring Cloud
 * Function exposes it to AWS Lambda through its {@code FunctionInvoker} and, locally, over HTTP
 * at {@code POST /product}.
 */
public class ProductFunction implements Function<ProductRequest, Product> {

	private final ProductCatalogClient catalog;

	/**
	 * Create the function.
	 * @param catalog the client of the product catalog, whose results are cached
	 */
	public ProductFunction(ProductCatalogClient catalog) {
		this.catalog = Objects.requireNonNull(catalog, "catalog must not be null");
	}

	/**
	 * Return the requested product.
	 * @throws IllegalArgumentException if the request has no product id
	 */
	@Override
	public Product apply(ProductRequest request) {
		Objects.requireNonNull(request, "request must not be null");
		return this.catalog.fetch(request.id());
	}

}
