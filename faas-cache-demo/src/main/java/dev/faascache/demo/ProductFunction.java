/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.util.Objects;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The function the demo deploys: look up the product that a request such as {@code {"id": "42"}}
 * names in the catalog. Spring Cloud Function exposes it to AWS Lambda through its
 * {@code FunctionInvoker} and, locally, over HTTP at {@code POST /product}.
 * <p>
 * The function reads the request itself rather than letting Spring Cloud Function convert it:
 * the conversion answers a body that is not JSON with an error that does not say what is wrong,
 * or turns a bare string into a request. An invalid request fails with an
 * {@link InvalidRequestException} whose message says what is wrong.
 * <p>
 * At debug level it logs, per invocation, whether the cache answered or the catalog was called:
 * the local Lambda run reads these lines to tell hits from misses.
 */
public class ProductFunction implements Function<String, Product> {

	private static final Log logger = LogFactory.getLog(ProductFunction.class);

	private static final String EXAMPLE = "{\"id\": \"42\"}";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ProductCatalogClient catalog;

	/**
	 * Create the function.
	 * @param catalog the client of the product catalog, whose results are cached
	 */
	public ProductFunction(ProductCatalogClient catalog) {
		this.catalog = Objects.requireNonNull(catalog, "catalog must not be null");
	}

	/**
	 * Return the product the request names.
	 * @param body the request, a JSON object such as {@code {"id": "42"}}
	 * @throws InvalidRequestException if the request is not a JSON object or names no product
	 */
	@Override
	public Product apply(String body) {
		ProductRequest request = read(body);
		long callsBefore = this.catalog.calls();
		Product product = this.catalog.fetch(request.id());
		if (logger.isDebugEnabled()) {
			logger.debug("Product " + request.id() + " "
					+ ((this.catalog.calls() == callsBefore) ? "answered by the cache" : "fetched from the catalog"));
		}
		return product;
	}

	/**
	 * Read a request.
	 * @param body the request
	 * @return the request, with an id that is not blank
	 * @throws InvalidRequestException if the request is not a JSON object or names no product
	 */
	static ProductRequest read(String body) {
		JsonNode node;
		try {
			node = json.readTree((body != null) ? body : "");
		}
		catch (JacksonException ex) {
			throw new InvalidRequestException(
					"The request must be a JSON object such as " + EXAMPLE + ", but was not JSON: " + quote(body));
		}
		if (!node.isObject()) {
			throw new InvalidRequestException(
					"The request must be a JSON object such as " + EXAMPLE + ", but was " + quote(body));
		}
		JsonNode id = node.get("id");
		if (id == null || id.isNull()) {
			throw new InvalidRequestException("The request must name a product, such as " + EXAMPLE + ", but has no id");
		}
		if (!id.isString() && !id.isNumber()) {
			throw new InvalidRequestException(
					"The product id must be a string or a number, such as " + EXAMPLE + ", but was " + id);
		}
		if (id.asString().isBlank()) {
			throw new InvalidRequestException(
					"The product id must not be blank, such as " + EXAMPLE + ", but was '" + id.asString() + "'");
		}
		return new ProductRequest(id.asString());
	}

	private static String quote(String body) {
		if (body == null || body.isEmpty()) {
			return "an empty body";
		}
		String shown = (body.length() > 100) ? body.substring(0, 100) + "..." : body;
		return "'" + shown + "'";
	}

}
